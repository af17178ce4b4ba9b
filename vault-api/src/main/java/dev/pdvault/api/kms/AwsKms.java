package dev.pdvault.api.kms;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.AWSKMSClientBuilder;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.integration.awskms.AwsKmsAead;
import com.google.crypto.tink.integration.awskms.AwsKmsClient;
import dev.pdvault.crypto.KmsKeyEncryptionKeys;

import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;

/**
 * KEKs in AWS KMS through Tink's {@link AwsKmsAead} ({@code tink-awskms}). Key URIs are Tink's
 * {@code aws-kms://arn:aws:kms:<region>:<account>:key/<id>}. Tink's own {@link AwsKmsClient} builds its AWS
 * client from the ARN's region only; this one also takes an endpoint (a VPC endpoint, FIPS endpoint, or a test
 * stand-in) and a credentials provider, and bounds time-outs and retries so an unreachable KMS seals the vault
 * quickly instead of hanging the start.
 */
public final class AwsKms {

    private AwsKms() {
    }

    /**
     * @param endpoint  the KMS endpoint, or null for the region's public one
     * @param region    the signing region, or null for the region of each key's ARN
     * @param credentials the AWS credentials provider (the default chain in production)
     */
    public static KmsKeyEncryptionKeys keyEncryptionKeys(List<String> keyUris, URI endpoint, String region,
                                                         AWSCredentialsProvider credentials, Duration timeout) {
        return new KmsKeyEncryptionKeys(keyUris, new Client(endpoint, region, credentials, timeout), "AWS KMS");
    }

    private record Client(URI endpoint, String region, AWSCredentialsProvider credentials, Duration timeout)
            implements PrefixedKmsClient {

        @Override
        public String prefix() {
            return AwsKmsClient.PREFIX;
        }

        @Override
        public Aead aead(String arn) throws GeneralSecurityException {
            String[] parts = arn.split(":");
            if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("kms")) {
                throw new GeneralSecurityException("invalid AWS KMS key ARN");
            }
            String signingRegion = region != null ? region : parts[3];
            ClientConfiguration config = new ClientConfiguration()
                    .withConnectionTimeout((int) timeout.toMillis())
                    .withSocketTimeout((int) timeout.toMillis())
                    .withMaxErrorRetry(2);
            AWSKMSClientBuilder builder = AWSKMSClientBuilder.standard().withCredentials(credentials)
                    .withClientConfiguration(config);
            if (endpoint != null) {
                builder.withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint.toString(),
                        signingRegion));
            } else {
                builder.withRegion(signingRegion);
            }
            AWSKMS kms = builder.build();
            return new AwsKmsAead(kms, arn);
        }
    }
}
