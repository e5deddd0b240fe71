package io.github.camelpaperless.consumer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fencing contract of every {@link FencedStateRepository}, on a real PostgreSQL (started by the test), H2 and the
 * shared file: epochs only grow, a write with an older epoch is refused and changes nothing, and once a takeover
 * returned no write of the previous holder lands — also when they race.
 */
class FencedStateRepositoryTest {

    @TempDir
    static Path tmp;

    static EmbeddedPostgres postgres;
    static final AtomicInteger TABLES = new AtomicInteger();

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    static synchronized DataSource postgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
            }
            return postgres.getPostgresDatabase();
        } catch (Exception e) {
            throw new IllegalStateException("an embedded PostgreSQL could not start: " + e.getMessage(), e);
        }
    }

    static DataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    /** Each call: a new repository on a fresh table or file, and a factory of more instances sharing it. */
    static Stream<Arguments> repositories() {
        Supplier<Supplier<FencedStateRepository>> pg = () -> {
            String table = "STATE_" + TABLES.incrementAndGet();
            return () -> start(jdbc(postgres(), table));
        };
        Supplier<Supplier<FencedStateRepository>> h2 = () -> {
            String table = "STATE_" + TABLES.incrementAndGet();
            return () -> start(jdbc(h2("fenced"), table));
        };
        Supplier<Supplier<FencedStateRepository>> file = () -> {
            Path f = tmp.resolve("state-" + TABLES.incrementAndGet() + ".properties");
            return () -> start(new SharedFileStateRepository(f));
        };
        return Stream.of(Arguments.of("PostgreSQL", pg), Arguments.of("H2", h2), Arguments.of("shared file", file));
    }

    static JdbcStateRepository jdbc(DataSource ds, String table) {
        JdbcStateRepository r = new JdbcStateRepository(ds);
        r.setTableName(table);
        return r;
    }

    static <T extends FencedStateRepository> T start(T r) {
        ((org.apache.camel.support.service.ServiceSupport) r).start();
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void aTakeoverFencesThePreviousHolder(String name, Supplier<Supplier<FencedStateRepository>> make) {
        Supplier<FencedStateRepository> instances = make.get();
        FencedStateRepository alpha = instances.get();
        FencedStateRepository beta = instances.get();
        assertThat(alpha.getState("export")).isNull();
        assertThat(alpha.holder("export")).isEqualTo(new FencedStateRepository.Holder(0, null));

        long a = alpha.takeOver("export", "alpha");
        assertThat(a).isEqualTo(1);
        assertThat(alpha.setState("export", "a1", a)).isTrue();
        assertThat(beta.getState("export")).isEqualTo("a1");

        long b = beta.takeOver("export", "beta");
        assertThat(b).isGreaterThan(a);
        assertThat(alpha.holder("export")).isEqualTo(new FencedStateRepository.Holder(b, "beta"));
        // the old holder's write is refused and changes nothing
        assertThat(alpha.setState("export", "a2", a)).isFalse();
        assertThat(beta.getState("export")).isEqualTo("a1");
        assertThat(beta.setState("export", "b1", b)).isTrue();
        assertThat(alpha.getState("export")).isEqualTo("b1");
        // a write with an epoch nobody took is refused too
        assertThat(beta.setState("export", "x", b + 1)).isFalse();

        // keys are independent; the unfenced write (tools, the upload ledger) always lands
        assertThat(alpha.takeOver("other", "alpha")).isEqualTo(1);
        alpha.setState("ledger", "v1");
        beta.setState("ledger", "v2");
        assertThat(alpha.getState("ledger")).isEqualTo("v2");
        assertThat(alpha.getState("export")).isEqualTo("b1");
    }

    /**
     * Instances that change one value at once (the upload ledger of a shared drop: each adds its uploads to one JSON
     * value) all land: read, change and write are one step for every instance sharing the repository. With
     * {@code getState} + {@code setState} two instances lose each other's additions.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void concurrentUpdatesOfOneValueAllLand(String name, Supplier<Supplier<FencedStateRepository>> make) throws Exception {
        Supplier<FencedStateRepository> instances = make.get();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FencedStateRepository r = instances.get();
                String node = "n" + t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        String item = node + "-" + i;
                        r.update("paperless.uploads", v -> v == null || v.isEmpty() ? item : v + "," + item);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(instances.get().getState("paperless.uploads").split(",")).hasSize(60).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void concurrentTakeoversGetDistinctGrowingEpochs(String name, Supplier<Supplier<FencedStateRepository>> make)
            throws Exception {
        Supplier<FencedStateRepository> instances = make.get();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FencedStateRepository r = instances.get();
                String owner = "node-" + t;
                futures.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        long e = r.takeOver("export", owner);
                        assertThat(mine.isEmpty() || e > mine.get(mine.size() - 1)).as("epochs grow for one holder").isTrue();
                        mine.add(e);
                    }
                    return mine;
                }));
            }
            Set<Long> all = new TreeSet<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(60).contains(1L, 60L);
            assertThat(instances.get().holder("export").epoch()).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositories")
    void noWriteOfTheOldHolderLandsAfterTheTakeoverReturned(String name, Supplier<Supplier<FencedStateRepository>> make)
            throws Exception {
        Supplier<FencedStateRepository> instances = make.get();
        FencedStateRepository old = instances.get();
        FencedStateRepository next = instances.get();
        long epoch = old.takeOver("export", "old");
        AtomicBoolean taken = new AtomicBoolean();
        AtomicLong landedAfter = new AtomicLong();
        AtomicInteger landed = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 400; i++) {
                    boolean before = taken.get();
                    if (old.setState("export", "old-" + i, epoch)) {
                        landed.incrementAndGet();
                        if (before) {
                            landedAfter.incrementAndGet();
                        }
                    }
                }
            });
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (landed.get() < 5 && !writer.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(landed.get()).as("writes of the holder before the takeover").isGreaterThanOrEqualTo(5);
            long mine = next.takeOver("export", "next");
            taken.set(true);
            writer.get();
            assertThat(landedAfter.get()).as("writes of the old holder that landed after the takeover").isZero();
            assertThat(next.setState("export", "next", mine)).isTrue();
            assertThat(old.getState("export")).isEqualTo("next");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theTableIsCreatedOnceAndAnExistingOneIsUsed() throws Exception {
        DataSource ds = h2("create");
        JdbcStateRepository first = start(jdbc(ds, "POSITIONS"));
        first.takeOver("k", "a");
        first.setState("k", "v", 1);
        // another instance starting later finds the table and the row
        JdbcStateRepository second = start(jdbc(ds, "POSITIONS"));
        assertThat(second.getState("k")).isEqualTo("v");
        assertThat(second.holder("k")).isEqualTo(new FencedStateRepository.Holder(1, "a"));
        // PostgreSQL: the column takes a long position
        JdbcStateRepository pg = start(jdbc(postgres(), "POSITIONS_LONG"));
        String big = String.join(",", Collections.nCopies(20_000, "12345"));
        pg.setState("big", big);
        assertThat(pg.getState("big")).isEqualTo(big);
        try (Connection c = postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT FENCE_EPOCH, HOLDER_ID, ROW_VERSION, UPDATED_AT FROM POSITIONS_LONG");
        }
    }

    @Test
    void badSettingsFailAtStartWithTheFix() {
        assertThatThrownBy(() -> new JdbcStateRepository().setTableName("x; DROP TABLE y"))
                .hasMessageContaining("not a plain table name");
        assertThatThrownBy(() -> new JdbcStateRepository().start()).hasMessageContaining("needs a dataSource");
        JdbcStateRepository noCreate = jdbc(h2("nocreate"), "MISSING_TABLE");
        noCreate.setCreateTableIfNotExists(false);
        assertThatThrownBy(noCreate::start).hasMessageContaining("table MISSING_TABLE does not exist")
                .hasMessageContaining("createTableIfNotExists=true");
    }
}
