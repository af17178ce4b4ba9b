package dev.pdvault.api.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for a KMS, on the JDK's HTTP server: it speaks just enough of one KMS's HTTP API, and it alone
 * holds the key material (AES-256-GCM keys made here, in this object), as a real KMS does.
 */
public abstract class StandInKms implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The KEK versions: the only copies of the key material. */
    final List<SecretKey> keys = new ArrayList<>();
    public final AtomicInteger encryptions = new AtomicInteger();
    final AtomicInteger decryptions = new AtomicInteger();
    private HttpServer server;

    StandInKms(int versions) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            for (int i = 0; i < versions; i++) {
                keys.add(generator.generateKey());
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Listens on the port (0: any free one). */
    public StandInKms start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
                }
                handle(exchange, JSON.readTree(body.length == 0 ? utf8("{}") : body));
            } catch (RuntimeException e) {
                reply(exchange, 500, JSON.createObjectNode().put("error", e.getClass().getSimpleName()));
            }
        });
        server.start();
        return this;
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    abstract void handle(HttpExchange exchange, JsonNode body) throws IOException;

    static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        reply(exchange, status, "application/json", body);
    }

    static void reply(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    byte[] seal(int version, byte[] plaintext, byte[] ad) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(version - 1), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(ad);
            byte[] c = cipher.doFinal(plaintext);
            encryptions.incrementAndGet();
            return ByteBuffer.allocate(12 + c.length).put(nonce).put(c).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when the ciphertext or associated data do not authenticate. */
    byte[] open(int version, byte[] ciphertext, byte[] ad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(version - 1), new GCMParameterSpec(128, ciphertext, 0, 12));
            cipher.updateAAD(ad);
            byte[] p = cipher.doFinal(ciphertext, 12, ciphertext.length - 12);
            decryptions.incrementAndGet();
            return p;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    static byte[] base64(JsonNode node) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        return Base64.getDecoder().decode(node.asText().replace('-', '+').replace('_', '/'));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
