package dev.pdvault.api.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;

/**
 * Cloud KMS's REST API v1, as far as Tink's {@code GcpKmsAead} uses it:
 * {@code POST /v1/<key name>:encrypt} and {@code :decrypt} with base64 {@code plaintext}/{@code ciphertext} and
 * {@code additionalAuthenticatedData}. Requests must carry {@code Authorization: Bearer} {@link #TOKEN}.
 */
final class StandInGcpKms extends StandInKms {

    static final String TOKEN = "stand-in-access-token";
    final String keyName;

    StandInGcpKms(String keyName) {
        super(1);
        this.keyName = keyName;
    }

    @Override
    void handle(HttpExchange exchange, JsonNode body) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, Map.of("error", Map.of("code", 401, "message", "Request had invalid authentication"
                    + " credentials.", "status", "UNAUTHENTICATED")));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        byte[] aad = base64(body.get("additionalAuthenticatedData"));
        if (path.equals("/v1/" + keyName + ":encrypt")) {
            reply(exchange, 200, Map.of("name", keyName + "/cryptoKeyVersions/1",
                    "ciphertext", base64(seal(1, base64(body.get("plaintext")), aad))));
        } else if (path.equals("/v1/" + keyName + ":decrypt")) {
            byte[] plain = open(1, base64(body.get("ciphertext")), aad);
            if (plain == null) {
                reply(exchange, 400, Map.of("error", Map.of("code", 400, "message", "Decryption failed",
                        "status", "INVALID_ARGUMENT")));
                return;
            }
            reply(exchange, 200, Map.of("plaintext", base64(plain)));
        } else {
            reply(exchange, 404, Map.of("error", Map.of("code", 404, "message", "not found", "status", "NOT_FOUND")));
        }
    }
}
