package dev.pdvault.api.kms;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.cloudkms.v1.CloudKMS;
import com.google.api.services.cloudkms.v1.CloudKMSScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.integration.gcpkms.GcpKmsAead;
import com.google.crypto.tink.integration.gcpkms.GcpKmsClient;
import dev.pdvault.crypto.KmsKeyEncryptionKeys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * KEKs in Google Cloud KMS through Tink's {@link GcpKmsAead} ({@code tink-gcpkms}) over Cloud KMS's REST API
 * (not gRPC: the gRPC client is excluded from the build). Key URIs are Tink's
 * {@code gcp-kms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>}. The endpoint can be overridden
 * (Private Service Connect, a regional endpoint, or a test stand-in).
 */
public final class GcpKms {

    private static final Pattern KEY_NAME = Pattern.compile(
            "projects/[^/]+/locations/[a-zA-Z0-9_-]{1,63}/keyRings/[a-zA-Z0-9_-]{1,63}/cryptoKeys/[a-zA-Z0-9_-]{1,63}");

    private GcpKms() {
    }

    /** With Google credentials: a service-account file, or the application default credentials when null. */
    public static KmsKeyEncryptionKeys keyEncryptionKeys(List<String> keyUris, URI endpoint, Path credentialsFile,
                                                         Duration timeout) {
        GoogleCredentials credentials;
        try {
            if (credentialsFile != null) {
                try (InputStream in = Files.newInputStream(credentialsFile)) {
                    credentials = GoogleCredentials.fromStream(in);
                }
            } else {
                credentials = GoogleCredentials.getApplicationDefault();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot load the Google credentials for Cloud KMS", e);
        }
        HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials.createScoped(CloudKMSScopes.all()));
        return keyEncryptionKeys(keyUris, endpoint, request -> {
            auth.initialize(request);
            request.setConnectTimeout((int) timeout.toMillis());
            request.setReadTimeout((int) timeout.toMillis());
            request.setNumberOfRetries(1);
        });
    }

    /** With a request initializer of the caller's: how tests reach a stand-in without Google credentials. */
    public static KmsKeyEncryptionKeys keyEncryptionKeys(List<String> keyUris, URI endpoint,
                                                         HttpRequestInitializer initializer) {
        CloudKMS.Builder builder = new CloudKMS.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(),
                initializer).setApplicationName("pdvault");
        if (endpoint != null) {
            String root = endpoint.toString();
            builder.setRootUrl(root.endsWith("/") ? root : root + "/");
        }
        return new KmsKeyEncryptionKeys(keyUris, new Client(builder.build()), "Google Cloud KMS");
    }

    private record Client(CloudKMS kms) implements PrefixedKmsClient {

        @Override
        public String prefix() {
            return GcpKmsClient.PREFIX;
        }

        @Override
        public Aead aead(String name) throws GeneralSecurityException {
            if (!KEY_NAME.matcher(name).matches()) {
                throw new GeneralSecurityException("invalid Cloud KMS key name");
            }
            return new GcpKmsAead(kms, name);
        }
    }
}
