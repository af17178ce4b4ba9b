package dev.pdvault.api.kms;

import com.google.api.client.http.HttpRequestInitializer;
import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cloud KMS through tink-gcpkms and Google's REST client, against a stand-in speaking Cloud KMS's REST API. The
 * stand-in cannot issue Google OAuth tokens, so the request initializer sets a fixed bearer token; loading Google
 * credentials (a service-account file or ADC) is the one part not exercised here.
 */
class GcpKmsTest {

    private static final String KEY = "projects/pdvault/locations/europe-west3/keyRings/vault/cryptoKeys/kek";
    private static final HttpRequestInitializer BEARER = request ->
            request.getHeaders().setAuthorization("Bearer " + StandInGcpKms.TOKEN);

    private StandInGcpKms kms;

    @BeforeEach
    void start() throws Exception {
        kms = new StandInGcpKms(KEY);
        kms.start(0);
    }

    @AfterEach
    void stop() {
        kms.stop();
    }

    private Supplier<KeyEncryptionKeys> keks() {
        return () -> GcpKms.keyEncryptionKeys(List.of("gcp-kms://" + KEY), kms.endpoint(), BEARER);
    }

    @Test
    void wrapsAndUnwrapsDataKeysThroughCloudKms() {
        KeyEncryptionKeys keks = keks().get();

        assertThat(keks.primaryVersion()).isEqualTo("gcp-kms://" + KEY);
        assertThat(keks.describe()).isEqualTo("Google Cloud KMS");
        EnvelopeChecks.wrapAndUnwrap(keks(), kms);
    }

    @Test
    void onlyCloudKmsHoldsTheKek() throws Exception {
        EnvelopeChecks.Wrapped wrapped = EnvelopeChecks.wrapAndUnwrap(keks(), kms);

        EnvelopeChecks.onlyTheKmsCanUnwrap(keks(), kms, wrapped, new StandInGcpKms(KEY));
    }

    @Test
    void anUnauthenticatedVaultIsRefused() {
        KeyEncryptionKeys keks = GcpKms.keyEncryptionKeys(List.of("gcp-kms://" + KEY), kms.endpoint(), request -> {
        });

        assertThatThrownBy(() -> EnvelopeChecks.dataKeys(keks).generate(EnvelopeChecks.SCOPE))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesKeyUrisThatAreNotCloudKmsKeyNames() {
        assertThatThrownBy(() -> GcpKms.keyEncryptionKeys(List.of("gcp-kms://projects/p/keyRings/r"), kms.endpoint(),
                BEARER)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> GcpKms.keyEncryptionKeys(List.of("aws-kms://" + KEY), kms.endpoint(), BEARER))
                .isInstanceOf(CryptoException.class);
    }
}
