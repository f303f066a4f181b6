package dev.lodestone.bench;

public final class BenchMain {
    public static void main(String[] args) {
        System.out.println("lodestone-bench");
    }
}
