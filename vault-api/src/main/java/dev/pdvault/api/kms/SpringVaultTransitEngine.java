package dev.pdvault.api.kms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.crypto.TransitEngine;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.vault.VaultException;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.VaultResponse;
import org.springframework.web.client.RestClientException;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TransitEngine} on Spring Vault's {@link VaultOperations}: its session (token authentication) and REST
 * operations. Encrypt and decrypt are posted directly, because Spring Vault's {@code VaultTransitOperations} has
 * no {@code associated_data} (its {@code VaultTransitContext} carries only {@code context} and {@code nonce}).
 */
public final class SpringVaultTransitEngine implements TransitEngine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultOperations vault;
    private final String mount;
    private final String key;

    public SpringVaultTransitEngine(VaultOperations vault, String mount, String key) {
        this.vault = vault;
        this.mount = mount;
        this.key = key;
    }

    /** A template with token authentication and bounded time-outs. */
    public static SpringVaultTransitEngine connect(URI uri, String token, String mount, String key, Duration timeout) {
        VaultTemplate template = new VaultTemplate(VaultEndpoint.from(uri),
                ClientHttpRequestFactoryFactory.create(new ClientOptions(timeout, timeout),
                        SslConfiguration.unconfigured()), () -> new TokenAuthentication(token).login());
        return new SpringVaultTransitEngine(template, mount, key);
    }

    @Override
    public KeyInfo keyInfo() throws GeneralSecurityException {
        VaultResponse response = call(() -> vault.read(mount + "/keys/" + key));
        if (response == null || response.getData() == null) {
            throw new GeneralSecurityException("no such Transit key");
        }
        Map<String, Object> data = response.getData();
        return new KeyInfo(String.valueOf(data.getOrDefault("name", key)), String.valueOf(data.get("type")),
                number(data.get("latest_version")), number(data.get("min_decryption_version")));
    }

    @Override
    public String encrypt(int keyVersion, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
        body.put("key_version", keyVersion);
        body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
        VaultResponse response = call(() -> post(mount + "/encrypt/" + key, body));
        Object ciphertext = response == null || response.getData() == null ? null : response.getData().get("ciphertext");
        if (ciphertext == null) {
            throw new GeneralSecurityException("Transit returned no ciphertext");
        }
        return ciphertext.toString();
    }

    @Override
    public byte[] decrypt(String ciphertext, byte[] associatedData) throws GeneralSecurityException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ciphertext", ciphertext);
        body.put("associated_data", Base64.getEncoder().encodeToString(associatedData));
        VaultResponse response = call(() -> post(mount + "/decrypt/" + key, body));
        Object plaintext = response == null || response.getData() == null ? null : response.getData().get("plaintext");
        if (plaintext == null) {
            throw new GeneralSecurityException("Transit returned no plaintext");
        }
        return Base64.getDecoder().decode(plaintext.toString());
    }

    /**
     * A POST of JSON the vault serialized itself: {@code VaultOperations.write} hands a map to RestTemplate, which
     * logs the request body at DEBUG, and that body is a data keyset in clear; a byte array is logged as its type.
     */
    private VaultResponse post(String path, Map<String, Object> body) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a Transit request", e);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return vault.doWithSession(rest -> rest.exchange(path, HttpMethod.POST, new HttpEntity<>(json, headers),
                VaultResponse.class).getBody());
    }

    private interface Call {
        VaultResponse run();
    }

    /** Vault's error text is not passed on: it may name paths and policies; the class and status are enough. */
    private static VaultResponse call(Call call) throws GeneralSecurityException {
        try {
            return call.run();
        } catch (VaultException | RestClientException e) {
            throw new GeneralSecurityException("Transit call failed", e);
        }
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : value == null ? 0 : Integer.parseInt(value.toString());
    }
}
