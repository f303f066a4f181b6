package dev.lodestone.server.http;

@FunctionalInterface
public interface Handler {
    void handle(Exchange exchange) throws Exception;
}
