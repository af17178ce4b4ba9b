package dev.pdvault.api.kms;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS KMS's JSON 1.1 protocol, as far as Tink's {@code AwsKmsAead} uses it: {@code POST /} with
 * {@code X-Amz-Target: TrentService.Encrypt} or {@code TrentService.Decrypt}, base64 blobs, the encryption
 * context authenticated as associated data. Requests must be SigV4-signed by the access key {@link #ACCESS_KEY}
 * (the signature itself is not checked).
 */
final class StandInAwsKms extends StandInKms {

    static final String ACCESS_KEY = "AKIDSTANDIN";
    final String arn;

    StandInAwsKms(String arn) {
        super(1);
        this.arn = arn;
    }

    @Override
    void handle(HttpExchange exchange, JsonNode body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")) {
            error(exchange, "UnrecognizedClientException", "The security token included in the request is invalid.");
            return;
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!arn.equals(body.path("KeyId").asText())) {
            error(exchange, "NotFoundException", "Key not found");
            return;
        }
        byte[] context = context(body.get("EncryptionContext"));
        if ("TrentService.Encrypt".equals(target)) {
            reply(exchange, 200, "application/x-amz-json-1.1", Map.of("KeyId", arn, "CiphertextBlob",
                    base64(seal(1, base64(body.get("Plaintext")), context)), "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
        } else if ("TrentService.Decrypt".equals(target)) {
            byte[] plain = open(1, base64(body.get("CiphertextBlob")), context);
            if (plain == null) {
                error(exchange, "InvalidCiphertextException", "");
                return;
            }
            reply(exchange, 200, "application/x-amz-json-1.1", Map.of("KeyId", arn, "Plaintext", base64(plain),
                    "EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
        } else {
            error(exchange, "UnknownOperationException", "");
        }
    }

    private static byte[] context(JsonNode context) throws IOException {
        Map<String, String> sorted = new TreeMap<>();
        if (context != null) {
            context.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        }
        return JSON.writeValueAsBytes(sorted);
    }

    private static void error(HttpExchange exchange, String type, String message) throws IOException {
        reply(exchange, 400, "application/x-amz-json-1.1", Map.of("__type", type, "message", message));
    }
}
