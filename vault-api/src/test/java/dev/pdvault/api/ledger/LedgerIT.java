package dev.pdvault.api.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import dev.pdvault.api.TestDatabase;
import dev.pdvault.api.VaultIntegrationTest;
import dev.pdvault.api.ledger.verify.ChainEntry;
import dev.pdvault.api.ledger.verify.Checkpoint;
import dev.pdvault.api.ledger.verify.EventRow;
import dev.pdvault.api.ledger.verify.LedgerChain;
import dev.pdvault.api.ledger.verify.LedgerVerifier;
import dev.pdvault.api.ledger.verify.Proof;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's round trip against the real event store: a checkpoint and the public key saved from the API, then
 * the standalone verifier over a tampered copy of {@code domain_event_entry}, once per tampering.
 */
class LedgerIT extends VaultIntegrationTest {

    private static final String COPY = "ledger_tampered";

    @TempDir
    Path dir;
    private Path saved;
    private Path key;
    private Proof proof;

    /** What one verifier run printed and returned. */
    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void anAuditorSavesACheckpoint() throws Exception {
        for (int i = 0; i < 3; i++) {
            String subject = register("CN");
            collect(subject, "order", "delivery", Map.of("address", plant("ledger")));
        }
        Response created = call("POST", "/v1/ledger/checkpoints", AUDITOR, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Response key = call("GET", "/v1/ledger/public-key", AUDITOR, null);
        assertThat(key.status()).isEqualTo(200);
        this.key = Files.writeString(dir.resolve("key.json"), key.body());
        Response bundle = call("GET", "/v1/ledger/proofs/consistency?to=" + created.json().get("number").asLong(),
                AUDITOR, null);
        assertThat(bundle.status()).as(bundle.body()).isEqualTo(200);
        saved = Files.writeString(dir.resolve("saved.json"), bundle.body());
        proof = json.readValue(bundle.body(), Proof.class);
        assertThat(proof.entries()).hasSizeGreaterThanOrEqualTo(6);
        jdbc.execute("DROP TABLE IF EXISTS " + COPY);
        jdbc.execute("CREATE TABLE " + COPY + " AS SELECT * FROM domain_event_entry");
    }

    @AfterEach
    void dropTheCopy() {
        jdbc.execute("DROP TABLE IF EXISTS " + COPY);
    }

    private long position(int fromEnd) {
        return proof.entries().get(proof.entries().size() - fromEnd).globalIndex();
    }

    private Run verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("--checkpoint", saved.toString(), "--public-key", key.toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerVerifier.run(args.toArray(String[]::new), Map.of("PGUSER", TestDatabase.USER),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run verifyCopy() {
        return verify("--jdbc-url", TestDatabase.url(), "--table", COPY);
    }

    @Test
    void untouchedHistoryVerifiesFromTheDatabaseAndFromAnExport() {
        Run run = verify("--jdbc-url", TestDatabase.url());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("OK");
        Path export = dir.resolve("events.jsonl");
        Run exported = LedgerIT.this.run("--jdbc-url", TestDatabase.url(), "--table", COPY, "--export-to",
                export.toString());
        assertThat(exported.status()).as(exported.err()).isZero();
        Run fromExport = verify("--export", export.toString());
        assertThat(fromExport.status()).as(fromExport.err()).isZero();
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LedgerVerifier.run(args, Map.of("PGUSER", TestDatabase.USER),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFlippedPayloadByteIsReportedAtItsPosition() {
        long g = position(4);
        jdbc.update("UPDATE " + COPY + " SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1)"
                + " WHERE global_index = ?", g);
        assertThat(verifyCopy()).isEqualTo(new Run(1, "", "CHANGED at global index " + g + ": the event "
                + jdbc.queryForObject("SELECT event_identifier FROM " + COPY + " WHERE global_index = ?",
                String.class, g) + " differs from the one checkpointed" + System.lineSeparator()));
    }

    @Test
    void aDeletedEventIsReportedAtItsPosition() {
        long g = position(5);
        jdbc.update("DELETE FROM " + COPY + " WHERE global_index = ?", g);
        assertThat(verifyCopy().err()).startsWith("MISSING at global index " + g + ":");
    }

    @Test
    void twoSwappedEventsAreReportedAtTheFirst() {
        long first = position(6);
        long second = position(2);
        jdbc.update("UPDATE " + COPY + " SET global_index = CASE WHEN global_index = ? THEN ? ELSE ? END"
                + " WHERE global_index IN (?, ?)", first, second, first, first, second);
        Run run = verifyCopy();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("CHANGED at global index " + first + ":");
    }

    @Test
    void aTruncatedTailIsReportedAtTheFirstMissingPosition() {
        long g = position(3);
        jdbc.update("DELETE FROM " + COPY + " WHERE global_index >= ?", g);
        assertThat(verifyCopy().err()).startsWith("TRUNCATED at global index " + g + ":");
    }

    @Test
    void aResignedFakeCheckpointIsRefused() throws Exception {
        jdbc.update("DELETE FROM " + COPY + " WHERE global_index = ?", position(5));
        List<EventRow> rows;
        try (Connection c = TestDatabase.connect()) {
            rows = LedgerVerifier.readTable(c, COPY);
        }
        Checkpoint genuine = proof.to();
        List<ChainEntry> forged = new ArrayList<>();
        byte[] chain = LedgerChain.GENESIS;
        for (EventRow row : rows) {
            if (row.globalIndex() <= genuine.lastGlobalIndex()) {
                byte[] leaf = LedgerChain.leaf(row);
                chain = LedgerChain.next(chain, leaf);
                forged.add(new ChainEntry(row.globalIndex(), LedgerChain.hex(leaf), LedgerChain.hex(chain)));
            }
        }
        KeysetHandle attacker = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        Checkpoint unsigned = new Checkpoint(genuine.number(), forged.size(), genuine.lastGlobalIndex(),
                LedgerChain.hex(chain), genuine.keyId(), null, genuine.createdAt());
        String signature = Base64.getEncoder().encodeToString(attacker.getPrimitive(RegistryConfiguration.get(),
                PublicKeySign.class).sign(unsigned.signedBytes()));
        Checkpoint fake = new Checkpoint(unsigned.number(), unsigned.size(), unsigned.lastGlobalIndex(),
                unsigned.head(), unsigned.keyId(), signature, unsigned.createdAt());
        Files.writeString(saved, json.writeValueAsString(new Proof(null, fake, forged)));
        Run run = verifyCopy();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("BAD_SIGNATURE:");
    }

    @Test
    void laterCheckpointsExtendEarlierOnesAndEventsAreIncluded() {
        Checkpoint first = proof.to();
        collect(register("CN"), "order", "delivery", Map.of("address", plant("later")));
        Response second = call("POST", "/v1/ledger/checkpoints", SECURITY_OFFICER, null);
        assertThat(second.status()).isEqualTo(201);
        long to = second.json().get("number").asLong();
        Response consistency = call("GET", "/v1/ledger/proofs/consistency?from=" + first.number() + "&to=" + to,
                AUDITOR, null);
        assertThat(consistency.status()).isEqualTo(200);
        byte[] chain = LedgerChain.unhex(first.head());
        for (JsonNode entry : consistency.json().get("entries")) {
            chain = LedgerChain.next(chain, LedgerChain.unhex(entry.get("leaf").asText()));
        }
        assertThat(LedgerChain.hex(chain)).isEqualTo(second.json().get("head").asText());

        long g = position(4);
        String event = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class, g);
        Response inclusion = call("GET", "/v1/ledger/proofs/inclusion?event=" + event + "&checkpoint=" + to,
                AUDITOR, null);
        assertThat(inclusion.status()).as(inclusion.body()).isEqualTo(200);
        JsonNode entries = inclusion.json().get("entries");
        assertThat(entries.get(0).get("globalIndex").asLong()).isEqualTo(g);
        byte[] included = LedgerChain.unhex(inclusion.json().get("previousChain").asText());
        for (JsonNode entry : entries) {
            included = LedgerChain.next(included, LedgerChain.unhex(entry.get("leaf").asText()));
        }
        assertThat(LedgerChain.hex(included)).isEqualTo(second.json().get("head").asText());

        assertThat(call("POST", "/v1/ledger/checkpoints", COLLECTOR, null).status()).isEqualTo(403);
        assertThat(call("GET", "/v1/ledger/checkpoints", AUDITOR, null).json().size())
                .isGreaterThanOrEqualTo(2);
    }
}
