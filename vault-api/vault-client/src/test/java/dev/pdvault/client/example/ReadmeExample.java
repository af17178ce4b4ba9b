package dev.pdvault.client.example;

import dev.pdvault.client.AccessDeniedException;
import dev.pdvault.client.CollectRecord;
import dev.pdvault.client.Collected;
import dev.pdvault.client.DataErasedException;
import dev.pdvault.client.Detokenized;
import dev.pdvault.client.ErasureReceipt;
import dev.pdvault.client.SubjectId;
import dev.pdvault.client.Token;
import dev.pdvault.client.VaultClient;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The example of the client's README.md, character for character between the markers ({@code ReadmeExampleTest}
 * compares them); vault-api's {@code ClientExampleIT} runs it against a started vault with the development
 * identities.
 */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    /** Runs the example against the vault at the first argument, by default http://localhost:8080. */
    public static void main(String[] args) {
        run(URI.create(args.length > 0 ? args[0] : "http://localhost:8080"), System.out);
    }

    public static void run(URI vault, PrintStream out) {
        // README example begin
        VaultClient collector = VaultClient.builder(vault).apiKey("dev-collector-key").build();
        VaultClient logistics = VaultClient.builder(vault).apiKey("dev-logistics-key").build();
        VaultClient privacyOfficer = VaultClient.builder(vault).apiKey("dev-privacy-officer-key").build();

        SubjectId subject = collector.registerSubject("CN");
        Collected order = collector.collect(subject, new CollectRecord("order", "delivery", "subject",
                Map.of("consignee_name", "Li Na", "address", "7 Rabbit Hole Lane", "postal_code", "100022")));
        out.println("subject " + subject + " has " + order.tokens().size() + " tokens");

        Token name = order.token("consignee_name");
        out.println("deliver to " + logistics.detokenize("delivery", name));

        Detokenized label = logistics.detokenize("delivery",
                List.of(name, order.token("address"), order.token("postal_code")));
        out.println("label: " + String.join(", ", label.values().values()));

        try {
            logistics.detokenize("payment", name);
        } catch (AccessDeniedException denied) {
            out.println("refused: " + denied.reason());
        }

        ErasureReceipt receipt = privacyOfficer.erase(subject);
        out.println("erasure: " + receipt.status());
        try {
            logistics.detokenize("delivery", name);
        } catch (DataErasedException erased) {
            out.println("after the erasure: " + erased.reason());
        }
        // README example end
    }
}
