package dev.pdvault.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pdvault.domain.access.command.Detokenization;
import dev.pdvault.domain.credential.command.Credential;
import dev.pdvault.domain.keys.command.KeyEncryptionKeyRing;
import dev.pdvault.domain.keys.command.SubjectDataKeys;
import dev.pdvault.domain.subject.command.DataSubject;
import dev.pdvault.projections.credentials.CredentialProjection;
import dev.pdvault.projections.keys.BackupReachProjection;
import dev.pdvault.projections.subjects.SubjectProjection;
import dev.pdvault.projections.consents.ConsentProjection;
import dev.pdvault.domain.publication.command.PrivacyPolicy;
import dev.pdvault.domain.access.command.Share;
import dev.pdvault.domain.disclosure.command.PublicDisclosure;
import dev.pdvault.domain.disclosure.command.StatisticsRelease;
import dev.pdvault.domain.disclosure.command.Transfer;
import dev.pdvault.projections.shares.ShareProjection;
import dev.pdvault.projections.timeline.TimelineProjection;
import dev.pdvault.domain.request.command.DataSubjectRequest;
import dev.pdvault.domain.security.command.SecuritySignal;
import dev.pdvault.projections.requests.RequestProjection;
import dev.pdvault.projections.tokens.TokenProjection;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import java.time.Duration;
import java.util.Set;

/**
 * Axon on PostgreSQL, no Axon Server: the JDBC event store with snake_case tables (created by Flyway), Jackson
 * for every message so auditors read events as JSON, and the aggregates and projections of the vault.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Which storage failures are an aggregate's sequence number taken by another writer: PostgreSQL's unique
     * violation, SQL state 23505, found anywhere in the exception's causes (a batched insert reports it as a
     * {@code BatchUpdateException}). The storage engine then throws Axon's {@code ConcurrencyException}, which
     * the group committer answers by running the request again on the stored state. Axon's
     * {@code JdbcSQLErrorCodesResolver} looks for {@code SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws, so a conflict came out as a plain {@code EventStoreException}
     * ({@code TwoNodeCachedSubjectIT}).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver exceptions,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connections, TransactionManager transactions,
                                          EventSchema schema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .build();
    }

    /**
     * The event store: Axon's embedded one on the JDBC engine, its streaming processors' reader woken at most every
     * {@code vault.events.reader-wake-interval} (see {@link CoalescingEventStore}). The reader keeps the
     * {@code vault.events.reader-cache} most recent events it read (every event of the store, not only the feed's) for
     * the processors that tail it; Axon's default of 10,000 held each event for seconds at a few thousand commits a
     * second, long enough to survive young collections, and copying them made G1's young pauses 40–100 ms while
     * detokenizing (docs/performance.md). A processor further behind reads the store on a stream of its own until it
     * has caught up.
     */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  @Value("${vault.events.reader-wake-interval:PT0.02S}") Duration wakeInterval,
                                  @Value("${vault.events.reader-cache:200}") int readerCache) {
        return new CoalescingEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(readerCache)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)), wakeInterval);
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * The mapper of every Axon message: records, Optional and java.time, ISO dates, strict on unknown fields.
     * Kept private to Axon so the HTTP mapper (Spring Boot's, set by {@code spring.jackson.*}) stays separate.
     */
    static ObjectMapper messageMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static Serializer jackson(RevisionResolver revisions) {
        return JacksonSerializer.builder().objectMapper(messageMapper()).revisionResolver(revisions).build();
    }

    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisions) {
        return jackson(revisions);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(RevisionResolver revisions) {
        return jackson(revisions);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(RevisionResolver revisions) {
        return jackson(revisions);
    }

    /** Data subjects' aggregates, at most {@code vault.aggregates.cache-max-subjects} of them (see {@link BoundedCache}). */
    @Bean
    Cache subjectCache(@Value("${vault.aggregates.cache-max-subjects:10000}") long maxSubjects) {
        return new BoundedCache(maxSubjects);
    }

    /**
     * A projection that fails must fail the command whose events it handles: Axon's default error handler only
     * logs, and the aborted PostgreSQL transaction then commits as a silent rollback, acknowledging writes and
     * handing out plaintext that were never recorded.
     */
    @Bean
    ConfigurerModule projectionErrorsPropagate() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /** The one subscribing processor that runs every projection, in the transaction of the events it handles. */
    public static final String PROJECTIONS = "projections";
    private static final Set<String> PROJECTION_GROUPS = Set.of(TokenProjection.NAME, SubjectProjection.NAME,
            TimelineProjection.NAME, ConsentProjection.NAME, ShareProjection.NAME, CredentialProjection.NAME,
            RequestProjection.NAME, BackupReachProjection.NAME);

    /**
     * The projections keep processing groups of their own (their names, their tables) but run in one subscribing
     * processor: each processor costs a unit of work, its interceptors and a pass over the batch, and eight of them
     * took a fifth of a group commit's CPU for what one pass does (docs/benchmarks.md). Built by
     * {@link ProjectionsProcessor}, as Axon builds a subscribing processor but for its groups' reset support.
     */
    @Bean
    ConfigurerModule projectionsInOneProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerEventProcessor(PROJECTIONS, ProjectionsProcessor::build)
                .assignProcessingGroup(group -> PROJECTION_GROUPS.contains(group) ? PROJECTIONS : group);
    }

    @Bean
    ConfigurerModule vaultAggregates(@Qualifier("subjectCache") Cache subjectCache) {
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(DataSubject.class)
                        .configureCache(c -> subjectCache)
                        .configureCommandTargetResolver(c -> new VaultCommandTargets()))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Detokenization.class)
                        .configureCommandTargetResolver(c -> new VaultCommandTargets()))
                .configureAggregate(PrivacyPolicy.class)
                .configureAggregate(KeyEncryptionKeyRing.class)
                .configureAggregate(SubjectDataKeys.class)
                .configureAggregate(Share.class)
                .configureAggregate(Transfer.class)
                .configureAggregate(PublicDisclosure.class)
                .configureAggregate(StatisticsRelease.class)
                .configureAggregate(DataSubjectRequest.class)
                .configureAggregate(SecuritySignal.class)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Credential.class)
                        .configureCommandTargetResolver(c -> new VaultCommandTargets()));
    }

    @Bean
    TokenProjection tokenProjection(JdbcTemplate jdbc) {
        return new TokenProjection(jdbc);
    }

    @Bean
    SubjectProjection subjectProjection(JdbcTemplate jdbc, ObjectMapper json) {
        return new SubjectProjection(jdbc, json);
    }

    @Bean
    ShareProjection shareProjection(JdbcTemplate jdbc) {
        return new ShareProjection(jdbc);
    }

    @Bean
    ConsentProjection consentProjection(JdbcTemplate jdbc) {
        return new ConsentProjection(jdbc);
    }

    @Bean
    CredentialProjection credentialProjection(JdbcTemplate jdbc) {
        return new CredentialProjection(jdbc);
    }

    @Bean
    RequestProjection requestProjection(JdbcTemplate jdbc, ObjectMapper json) {
        return new RequestProjection(jdbc, json);
    }

    @Bean
    BackupReachProjection backupReachProjection(JdbcTemplate jdbc, ObjectMapper json) {
        return new BackupReachProjection(jdbc, json);
    }

    @Bean
    TimelineProjection timelineProjection(JdbcTemplate jdbc, ObjectMapper json) {
        return new TimelineProjection(jdbc, json);
    }
}
