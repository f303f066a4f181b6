#!/usr/bin/env bash
# Assembles the root file system of the Lodestone container image, which Jib then layers onto `scratch`:
#   /opt/java      a runtime jlinked from the building JDK with only the modules the server uses
#   /lib*, /usr/lib the few shared libraries that runtime links against, copied from this machine
#   /etc           passwd/group with the non-root user (65532) the container runs as, nsswitch for DNS
#   /data, /tmp    empty, writable by the container's user
# Why scratch: no registry is reachable from the build machines, so no base image can be pulled; everything the
# image holds comes from the JDK and the system that build it.
# The server's class path (/app/libs, /app/classpath) is added by Jib in its own layers.
# Usage: assemble-root.sh <java home> <output dir>
set -euo pipefail
java_home="$1"; root="$2"

# The server's modules (jdeps --print-module-deps on lodestone-server/target/lodestone.jar), jdk.zipfs (Helidon reads its service
# metadata through a zip file system, found only at run time) and jdk.jcmd so an operator can take thread
# dumps and heap histograms inside the container.
modules="java.base,java.desktop,java.naming,java.security.jgss,java.sql,jdk.jfr,jdk.management,jdk.unsupported,jdk.zipfs,jdk.jcmd"

rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/data" "$root/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$root/opt/java"
# The server is headless: drop the desktop natives that would pull X11 and ALSA libraries into the image.
rm -f "$root"/opt/java/lib/{libawt_xawt,libjsound,libsplashscreen,libjawt}.so

# Copy every shared library the runtime's binaries and libraries need (ldd), keeping the paths the loader expects;
# the runtime's own libraries (found through $ORIGIN) are already in place.
copy_lib() {
  local lib="$1"
  [ -e "$root$lib" ] && return 0
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
}
while read -r lib; do
  copy_lib "$lib"
done < <(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null | awk '/=> \//{print $3} /^\t\/.*ld-linux/{print $1}' | sort -u | grep -v "^$root/")
# The dynamic loader is named by absolute path in every ELF header; make sure it is there under both usual names.
for loader in /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2; do
  [ -e "$loader" ] && copy_lib "$loader"
done
# sqlite-jdbc extracts its native library to /tmp and links it against libc and libm, which are copied above.

cat > "$root/etc/passwd" <<PASSWD
root:x:0:0:root:/root:/sbin/nologin
lodestone:x:65532:65532:lodestone:/data:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<GROUP
root:x:0:
lodestone:x:65532:
GROUP
echo "hosts: files dns" > "$root/etc/nsswitch.conf"
echo "assemble-root: $(du -sh "$root" | cut -f1) in $root" >&2
