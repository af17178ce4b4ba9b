package dev.pdvault.api.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * HashiCorp Vault's Transit engine, as far as the vault uses it: {@code GET /v1/transit/keys/<key>},
 * {@code POST /v1/transit/encrypt/<key>} (with {@code key_version} and {@code associated_data}),
 * {@code POST /v1/transit/decrypt/<key>}, behind {@code X-Vault-Token}.
 */
public final class StandInTransit extends StandInKms {

    public static final String TOKEN = "stand-in-token";
    final String key;

    public StandInTransit(String key, int versions) {
        super(versions);
        this.key = key;
    }

    @Override
    void handle(HttpExchange exchange, JsonNode body) throws IOException {
        if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
            reply(exchange, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("GET") && path.equals("/v1/transit/keys/" + key)) {
            reply(exchange, 200, Map.of("data", Map.of("name", key, "type", "aes256-gcm96",
                    "latest_version", keys.size(), "min_decryption_version", 1)));
        } else if (method.matches("POST|PUT") && path.equals("/v1/transit/encrypt/" + key)) {
            int version = body.path("key_version").asInt(keys.size());
            byte[] sealed = seal(version, base64(body.get("plaintext")), base64(body.get("associated_data")));
            reply(exchange, 200, Map.of("data", Map.of("ciphertext", "vault:v" + version + ":" + base64(sealed),
                    "key_version", version)));
        } else if (method.matches("POST|PUT") && path.equals("/v1/transit/decrypt/" + key)) {
            String[] parts = body.path("ciphertext").asText().split(":", 3);
            int version = parts.length == 3 && parts[1].startsWith("v") ? Integer.parseInt(parts[1].substring(1)) : 0;
            byte[] plain = version < 1 || version > keys.size() ? null
                    : open(version, Base64.getDecoder().decode(parts[2]), base64(body.get("associated_data")));
            if (plain == null) {
                reply(exchange, 400, Map.of("errors", List.of("cipher: message authentication failed")));
                return;
            }
            ObjectNode data = JSON.createObjectNode().put("plaintext", base64(plain));
            reply(exchange, 200, JSON.createObjectNode().set("data", data));
        } else {
            reply(exchange, 404, Map.of("errors", List.of()));
        }
    }
}
