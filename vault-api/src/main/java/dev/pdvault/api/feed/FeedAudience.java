package dev.pdvault.api.feed;

import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Who may hear of what (docs/architecture.md, "The event feed"). Internal services (detokenizers that speak for
 * no recipient) are addressed by their identity's name and hear of a category's tokens when one of their
 * purposes may use the category; external recipients of the catalogue are addressed by their name and hear only
 * of what was shared with them.
 */
final class FeedAudience {

    private record Service(String address, Set<Purpose> purposes) {
    }

    private final Catalogue catalogue;
    private final List<Service> services;
    private final Set<String> addresses = new TreeSet<>();

    FeedAudience(Collection<Identity> identities, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.services = identities.stream()
                .filter(i -> i.has(Role.DETOKENIZER) && i.recipient().isEmpty())
                .map(i -> new Service(i.caller().name(), i.purposes()))
                .sorted((a, b) -> a.address().compareTo(b.address()))
                .toList();
        services.forEach(s -> addresses.add(s.address()));
        for (Recipient recipient : catalogue.recipients().keySet()) {
            if (!addresses.add(recipient.name())) {
                throw new IllegalStateException("the identity " + recipient.name()
                        + " has the name of a recipient: their feeds would mix");
            }
        }
    }

    /** The address whose feed an identity reads: the recipient it speaks for, else its own name. */
    static String addressOf(Identity identity) {
        return identity.recipient().map(Recipient::name).orElse(identity.caller().name());
    }

    Set<String> addresses() {
        return Collections.unmodifiableSet(addresses);
    }

    /** Services with a purpose that may use the category. */
    List<String> servicesUsing(Category category) {
        return servicesKnowing(Set.of(category), purpose -> true);
    }

    /** Services that heard of one of these categories and have a purpose the predicate selects. */
    List<String> servicesKnowing(Collection<Category> categories, Predicate<Purpose> affected) {
        return services.stream()
                .filter(s -> s.purposes().stream().anyMatch(affected))
                .filter(s -> categories.stream().anyMatch(c -> mayUse(s, c)))
                .map(Service::address)
                .toList();
    }

    private boolean mayUse(Service service, Category category) {
        CategoryDefinition definition = catalogue.categories().get(category);
        return definition != null && service.purposes().stream().anyMatch(definition.purposes()::contains);
    }

    Set<Purpose> purposesStoppedBy(dev.pdvault.domain.policy.OptOut optOut) {
        Set<Purpose> stopped = new TreeSet<>((a, b) -> a.name().compareTo(b.name()));
        catalogue.purposes().values().stream().filter(p -> p.optOut().filter(optOut::equals).isPresent())
                .forEach(p -> stopped.add(p.purpose()));
        return stopped;
    }
}
