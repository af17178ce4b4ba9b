package dev.pdvault.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.KeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup test: a database dump taken before an erasure, restored after the erasure and the KEK epoch rollover,
 * with every key the vault still holds, reveals none of the erased subject's data. Also what it costs: the same
 * old dump no longer opens for anyone else either, because every key in it was wrapped by the destroyed version;
 * the live vault keeps working on the rewrapped keys.
 */
class BackupRestoreIT extends VaultIntegrationTest {

    private static final String ACCOUNT = "account";

    @Autowired
    KeyEncryptionKeys keks;

    private record Sealed(String token, String binding, byte[] bytes) {
    }

    @Test
    void aDumpTakenBeforeTheErasureRevealsNothingOfTheSubjectAfterTheKekEpoch() throws Exception {
        String erased = register("CN");
        String erasedName = plant("Qian Mei");
        String erasedNote = plant("asked about a refund");
        Map<String, String> erasedTokens = collect(erased, "customer_service", "customer_service",
                Map.of("contact_information", erasedName, "communication_record", erasedNote));
        String kept = register("CN");
        String keptName = plant("Sun Hao");
        Map<String, String> keptTokens = collect(kept, "customer_service", "customer_service",
                Map.of("contact_information", keptName));
        WrappedDataKey erasedKeyBefore = liveKey(jdbc, erased);
        WrappedDataKey keptKeyBefore = liveKey(jdbc, kept);
        String oldKek = erasedKeyBefore.kekVersion();

        Path dump = Files.createTempDirectory("pdvault-backup").resolve("vault.dump");
        run("pg_dump", "-Fc", "-Z", "0", "--no-owner", "--no-privileges", "-n", TestDatabase.SCHEMA,
                "-f", dump.toString(), database());

        Response receipt = call("DELETE", "/v1/subjects/" + erased, PRIVACY_OFFICER, null);
        assertThat(receipt.status()).isEqualTo(200);
        assertThat(receipt.json().get("reachesBackups").asBoolean()).isFalse();
        assertThat(receipt.json().has("reachedBackupsAt")).isFalse();
        assertThat(receipt.json().get("kekVersionsToDestroy")).extracting(JsonNode::asText).containsExactly(oldKek);

        // until the epoch, the dump's copy of the erased key still opens the subject's data: the receipt is right
        Sealed nameInEvents = sealedInEvents(jdbc, erased).stream()
                .filter(s -> s.token().equals(erasedTokens.get("contact_information"))).findFirst().orElseThrow();
        assertThat(fresh().unwrap(erasedKeyBefore).openString(nameInEvents.binding(), nameInEvents.token(),
                new SealedValue(nameInEvents.bytes()))).isEqualTo(erasedName);

        assertThat(call("POST", "/v1/keys/epochs", PRIVACY_OFFICER, null).status()).isEqualTo(403);
        Response epoch = call("POST", "/v1/keys/epochs", SECURITY_OFFICER, null);
        assertThat(epoch.status()).isEqualTo(200);
        assertThat(epoch.json().get("previousPrimary").asText()).isEqualTo(oldKek);
        assertThat(epoch.json().get("primary").asText()).isNotEqualTo(oldKek).isEqualTo(keks.primaryVersion());
        assertThat(epoch.json().get("rewrappedKeys").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(epoch.json().get("failedKeys").asLong()).isZero();
        assertThat(epoch.json().get("destroyedVersions")).extracting(JsonNode::asText).contains(oldKek);
        assertThat(epoch.json().get("erasuresReachingBackups")).extracting(JsonNode::asText).contains(erased);
        assertThat(keks.versions()).containsExactly(keks.primaryVersion());

        JsonNode after = call("GET", "/v1/subjects/" + erased + "/erasure", AUDITOR, null).json();
        assertThat(after.get("reachesBackups").asBoolean()).isTrue();
        assertThat(after.get("reachedBackupsAt").asText()).isNotBlank();
        assertThat(after.get("kekVersionsToDestroy")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE"
                + " '%ErasureReachedBackups' AND convert_from(payload, 'UTF8') LIKE ?", Long.class,
                "%" + erased + "%")).isEqualTo(1);
        JsonNode versions = call("GET", "/v1/keys/kek-versions", AUDITOR, null).json();
        assertThat(versions).anySatisfy(v -> {
            assertThat(v.get("version").asText()).isEqualTo(oldKek);
            assertThat(v.get("state").asText()).isEqualTo("DESTROYED");
        });

        // the live vault: the kept subject's key was rewrapped and still opens; the erased one stays erased
        assertThat(liveKey(jdbc, kept).kekVersion()).isEqualTo(keks.primaryVersion());
        Response keptValue = detokenize(CUSTOMER_SERVICE, "customer_service", keptTokens.get("contact_information"));
        assertThat(keptValue.status()).isEqualTo(200);
        assertThat(keptValue.body()).contains(keptName);
        assertThat(detokenize(CUSTOMER_SERVICE, "customer_service", erasedTokens.get("contact_information")).status())
                .isEqualTo(410);

        String restoredDb = "restore_" + TestDatabase.SCHEMA;
        TestDatabase.execute("CREATE DATABASE " + restoredDb);
        try (SingleConnectionDataSource source = new SingleConnectionDataSource(
                url(restoredDb) + "?currentSchema=" + TestDatabase.SCHEMA, TestDatabase.USER, "", true)) {
            run("pg_restore", "--no-owner", "--no-privileges", "-d", restoredDb, dump.toString());
            JdbcTemplate restored = new JdbcTemplate(source);
            DataKeys withWhatTheVaultHolds = fresh();

            // the erased subject's key is back in the restored dump, and no KEK version the vault holds unwraps it
            WrappedDataKey erasedKeyRestored = liveKey(restored, erased);
            assertThat(erasedKeyRestored).isEqualTo(erasedKeyBefore);
            assertThatThrownBy(() -> withWhatTheVaultHolds.unwrap(erasedKeyRestored))
                    .isInstanceOf(CryptoException.class);
            for (String version : keks.versions()) {
                assertThatThrownBy(() -> withWhatTheVaultHolds.unwrap(new WrappedDataKey(erasedKeyRestored.scope(),
                        erasedKeyRestored.version(), version, erasedKeyRestored.wrappedKeyset())))
                        .isInstanceOf(CryptoException.class);
            }

            // every sealed value of the erased subject in the restored events and token_ref: none opens with any
            // data key the vault can still unwrap
            List<Sealed> sealed = new ArrayList<>(sealedInEvents(restored, erased));
            sealed.addAll(restored.query("SELECT token, category || '/' || field || '/' || purpose, sealed"
                    + " FROM token_ref WHERE subject_id = ?::uuid AND sealed IS NOT NULL", (rs, i) ->
                    new Sealed(rs.getString(1), rs.getString(2), rs.getBytes(3)), erased));
            assertThat(sealed).hasSize(4);
            List<DataKey> openable = openableKeys(restored, withWhatTheVaultHolds);
            openable.addAll(openableKeys(jdbc, withWhatTheVaultHolds));
            assertThat(openable).isNotEmpty();
            for (Sealed value : sealed) {
                for (DataKey key : openable) {
                    assertThatThrownBy(() -> key.openString(value.binding(), value.token(),
                            new SealedValue(value.bytes()))).isInstanceOf(CryptoException.class);
                }
            }

            // and no planted value appears anywhere in the restored tables or in the dump file itself
            List<String> planted = List.of(erasedName, erasedNote, keptName);
            assertThat(PlaintextScanner.findIn(restored, planted)).isEmpty();
            assertThat(PlaintextScanner.findInText(new String(Files.readAllBytes(dump), StandardCharsets.ISO_8859_1),
                    planted)).isEmpty();

            // the price: the old dump's copy of every other key was wrapped by the destroyed version too
            WrappedDataKey keptKeyRestored = liveKey(restored, kept);
            assertThat(keptKeyRestored).isEqualTo(keptKeyBefore);
            assertThat(keptKeyRestored.kekVersion()).isEqualTo(oldKek);
            assertThatThrownBy(() -> withWhatTheVaultHolds.unwrap(keptKeyRestored)).isInstanceOf(CryptoException.class);
            assertThat(restored.queryForObject("SELECT count(*) FROM data_key WHERE wrapped IS NOT NULL"
                    + " AND kek_version = ?", Long.class, oldKek)).isGreaterThanOrEqualTo(2);
        } finally {
            TestDatabase.execute("DROP DATABASE IF EXISTS " + restoredDb + " WITH (FORCE)");
            Files.deleteIfExists(dump);
        }
    }

    /** A second rollover with nothing left to move: a new epoch, the previous primary destroyed, no receipt twice. */
    @Test
    void aSecondEpochDestroysThePreviousPrimaryAndRecordsNoErasureTwice() {
        String subject = register("CN");
        collect(subject, "customer_service", "customer_service", Map.of("contact_information", plant("Zhou Yu")));
        assertThat(call("DELETE", "/v1/subjects/" + subject, PRIVACY_OFFICER, null).status()).isEqualTo(200);

        JsonNode first = call("POST", "/v1/keys/epochs", SECURITY_OFFICER, null).json();
        JsonNode second = call("POST", "/v1/keys/epochs", SECURITY_OFFICER, null).json();

        assertThat(first.get("erasuresReachingBackups")).extracting(JsonNode::asText).contains(subject);
        assertThat(second.get("epoch").asInt()).isEqualTo(first.get("epoch").asInt() + 1);
        assertThat(second.get("destroyedVersions")).extracting(JsonNode::asText)
                .containsExactly(first.get("primary").asText());
        assertThat(second.get("erasuresReachingBackups")).extracting(JsonNode::asText).doesNotContain(subject);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM erasure_backup_reach WHERE subject_id = ?::uuid",
                Long.class, subject)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE wrapped IS NOT NULL AND kek_version <> ?",
                Long.class, keks.primaryVersion())).isZero();
    }

    private DataKeys fresh() {
        return new DataKeys(keks, 10_000, Duration.ofMinutes(1));
    }

    private static WrappedDataKey liveKey(JdbcTemplate db, String subject) {
        return db.queryForObject("SELECT key_version, kek_version, wrapped FROM data_key WHERE subject_id = ?::uuid"
                        + " AND key_class = ? AND wrapped IS NOT NULL", (rs, i) -> new WrappedDataKey(
                        new KeyScope(subject, ACCOUNT), rs.getLong(1), rs.getString(2), rs.getBytes(3)),
                subject, ACCOUNT);
    }

    /** Every data key in the database that the vault's KEK versions can still unwrap. */
    private static List<DataKey> openableKeys(JdbcTemplate db, DataKeys dataKeys) {
        List<DataKey> keys = new ArrayList<>();
        for (WrappedDataKey wrapped : db.query("SELECT subject_id::text, key_class, key_version, kek_version, wrapped"
                + " FROM data_key WHERE wrapped IS NOT NULL", (rs, i) -> new WrappedDataKey(
                new KeyScope(rs.getString(1), rs.getString(2)), rs.getLong(3), rs.getString(4), rs.getBytes(5)))) {
            try {
                keys.add(dataKeys.unwrap(wrapped));
            } catch (CryptoException e) {
                // wrapped by a destroyed KEK version
            }
        }
        return keys;
    }

    private List<Sealed> sealedInEvents(JdbcTemplate db, String subject) throws Exception {
        List<Sealed> out = new ArrayList<>();
        for (byte[] payload : db.queryForList("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE '%PersonalDataCollected'", byte[].class, subject)) {
            JsonNode event = json.readTree(new String(payload, StandardCharsets.UTF_8));
            for (JsonNode field : event.get("fields")) {
                out.add(new Sealed(field.get("token").asText(), event.get("category").asText() + "/"
                        + field.get("field").asText() + "/" + event.get("purpose").asText(),
                        Base64.getDecoder().decode(field.get("sealed").get("bytes").asText())));
            }
        }
        return out;
    }

    private static URI server() {
        return URI.create(TestDatabase.BASE_URL.substring("jdbc:".length()).replaceFirst("\\?.*$", ""));
    }

    private static String database() {
        return server().getPath().substring(1);
    }

    private static String url(String database) {
        return "jdbc:postgresql://" + server().getHost() + ":" + port() + "/" + database;
    }

    private static int port() {
        return server().getPort() < 0 ? 5432 : server().getPort();
    }

    private static void run(String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command[0], "-h", server().getHost(), "-p",
                String.valueOf(port()), "-U", TestDatabase.USER));
        args.addAll(List.of(command).subList(1, command.length));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command[0], output).isZero();
    }
}
