package dev.pdvault.api.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Path;

/** Run in a child JVM that the test kills with SIGKILL, leaving its PostgreSQL behind like a killed vault would. */
public final class OrphanPostgres {

    private OrphanPostgres() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setPort(Integer.parseInt(args[1])).start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
