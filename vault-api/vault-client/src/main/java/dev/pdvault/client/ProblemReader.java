package dev.pdvault.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpResponse;

/** Reads the problem document of an error answer; an answer without one (a proxy's page) keeps only its status. */
final class ProblemReader {

    private final ObjectMapper json;

    ProblemReader(ObjectMapper json) {
        this.json = json;
    }

    Problem read(HttpResponse<String> response) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.contains("json") || response.body() == null || response.body().isBlank()) {
            return Problem.withoutDocument(response.statusCode());
        }
        try {
            JsonNode document = json.readTree(response.body());
            return new Problem(response.statusCode(), document.path("type").asText(null),
                    document.path("title").asText("HTTP " + response.statusCode()), document.path("detail").asText(null));
        } catch (IOException notJson) {
            return Problem.withoutDocument(response.statusCode());
        }
    }
}
