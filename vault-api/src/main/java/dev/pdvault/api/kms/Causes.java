package dev.pdvault.api.kms;

import com.amazonaws.AmazonServiceException;
import com.amazonaws.SdkClientException;
import com.google.api.client.http.HttpResponseException;
import dev.pdvault.crypto.CryptoException;
import org.springframework.vault.VaultException;
import org.springframework.web.client.RestClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Turns a failure to load or use the KEK into one sentence an operator can act on: which provider, and whether it
 * was unreachable, refused the vault's credentials, or is misconfigured. Built from exception types and HTTP
 * statuses only, never from exception messages, which can carry anything (a path, a policy, a request).
 */
final class Causes {

    private Causes() {
    }

    static String describe(KekProvider provider, Throwable failure) {
        String what = "the key-encryption key (" + provider.setting() + ")";
        if (failure instanceof KekUnavailableException known) {
            return known.getMessage();
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return what + " cannot be reached: unknown host";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return what + " cannot be reached: connection refused";
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return what + " cannot be reached: timed out";
            }
            if (t instanceof AmazonServiceException aws) {
                return what + " refused the vault: HTTP " + aws.getStatusCode() + " " + safe(aws.getErrorCode());
            }
            if (t instanceof HttpResponseException google) {
                return what + " refused the vault: HTTP " + google.getStatusCode();
            }
            if (t instanceof RestClientResponseException rest) {
                return what + " refused the vault: HTTP " + rest.getStatusCode().value();
            }
            if (t instanceof VaultException && t.getMessage() != null && t.getMessage().startsWith("Status ")) {
                return what + " refused the vault: HTTP " + t.getMessage().substring(7).split(" ", 2)[0];
            }
            if (t instanceof NoSuchFileException) {
                return what + " cannot be loaded: the keyset file does not exist";
            }
            if (t instanceof AccessDeniedException) {
                return what + " cannot be loaded: no permission to read or create the keyset file";
            }
            if (t instanceof SdkClientException && t.getCause() == null) {
                return what + " cannot be used: AWS client error (credentials or region missing?)";
            }
        }
        if (failure instanceof CryptoException || failure instanceof VaultSeal.ProbeFailed) {
            return what + " cannot be used: " + safe(failure.getCause() instanceof CryptoException c
                    ? c.getMessage() : failure.getMessage());
        }
        if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            return what + " cannot be loaded: " + failure.getClass().getSimpleName();
        }
        if (failure instanceof IllegalStateException || failure instanceof IllegalArgumentException) {
            return what + " is misconfigured: " + safe(failure.getMessage());
        }
        return what + " cannot be used: " + failure.getClass().getName();
    }

    /** Our own messages are fixed texts; anything else is cut to letters, digits and a little punctuation. */
    private static String safe(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text.replaceAll("[^A-Za-z0-9 ._:,;()/'-]", "?");
        return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
    }
}
