package io.github.camelpaperless.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The FTP example against a real FTP server (Apache FtpServer, in-process). */
class FtpIngestTest extends ExampleTestSupport {

    private FtpServer ftp;
    private Path home;
    private int port;

    @Override
    protected Properties properties() {
        try {
            port = AvailablePortFinder.getNextAvailable();
            home = tmp().resolve("ftp-home");
            Files.createDirectories(home.resolve("scans"));
            FtpServerFactory sf = new FtpServerFactory();
            ListenerFactory lf = new ListenerFactory();
            lf.setServerAddress("127.0.0.1");
            lf.setPort(port);
            sf.addListener("default", lf.createListener());
            UserManager um = new PropertiesUserManagerFactory().createUserManager();
            BaseUser user = new BaseUser();
            user.setName("scanner");
            user.setPassword("ftp-SECRET-pw");
            user.setHomeDirectory(home.toString());
            user.setAuthorities(List.<Authority> of(new WritePermission()));
            um.save(user);
            sf.setUserManager(um);
            ftp = sf.createServer();
            ftp.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Properties p = new Properties();
        p.put("ftp.enabled", "true");
        p.put("ftp.uri", "ftp://127.0.0.1:" + port + "/scans");
        p.put("ftp.username", "scanner");
        p.put("ftp.password", "ftp-SECRET-pw");
        p.put("ftp.delay", "200");
        p.put("ingest.waitTimeout", "5000");
        return p;
    }

    @AfterEach
    void stopFtp() {
        if (ftp != null) {
            ftp.stop();
        }
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FtpIngestRoute();
    }

    @Test
    void uploadsAndMovesTheRemoteFileOnlyAfterSuccess() throws Exception {
        Files.writeString(home.resolve("scans/contract.pdf"), "%PDF-1.4 contract");
        Path done = home.resolve("scans/.done/contract.pdf");
        await(Duration.ofSeconds(20), () -> Files.exists(done), "the remote file moved to .done");
        assertThat(home.resolve("scans/contract.pdf")).doesNotExist();
        assertThat(paperless.documents()).hasSize(1);
        assertThat(new String(paperless.file(paperless.documents().get(0).path("id").asInt()))).isEqualTo("%PDF-1.4 contract");
    }

    @Test
    void anOutageLeavesTheRemoteFileAndItIsUploadedOnce() throws Exception {
        paperless.failNextUploads(2, 500);
        Files.writeString(home.resolve("scans/letter.pdf"), "%PDF-1.4 letter");
        await(Duration.ofSeconds(20), () -> Files.exists(home.resolve("scans/.done/letter.pdf")), "the remote file in .done");
        assertThat(paperless.acceptedUploads()).isEqualTo(1);
        assertThat(paperless.documents()).hasSize(1);
    }

    @Test
    void aRejectedFileGoesToFailed() throws Exception {
        Files.writeString(home.resolve("scans/broken.pdf"), "%PDF damaged");
        await(Duration.ofSeconds(20), () -> Files.exists(home.resolve("scans/.failed/broken.pdf")), "the remote file in .failed");
        assertThat(paperless.documents()).isEmpty();
    }
}
