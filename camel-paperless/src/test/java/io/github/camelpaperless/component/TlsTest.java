package io.github.camelpaperless.component;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelpaperless.client.PaperlessConnectionException;
import io.github.camelpaperless.client.model.Statistics;
import io.github.camelpaperless.support.Fixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTPS against a server with a self-signed certificate (made with the JDK's keytool for CN/SAN localhost): refused by
 * default with a clear message; accepted with a trust store in SSLContextParameters; hostname verification on unless
 * explicitly (and unsafely) turned off.
 */
class TlsTest extends CamelTestSupport {

    static Path dir;
    static WireMockServer https;

    @BeforeAll
    static void startHttps() throws Exception {
        dir = Files.createTempDirectory("paperless-tls");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", dir.resolve("server.p12").toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "server", "-keystore", dir.resolve("server.p12").toString(), "-storepass", "changeit",
                "-file", dir.resolve("server.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "paperless", "-file", dir.resolve("server.cer").toString(),
                "-storetype", "PKCS12", "-keystore", dir.resolve("trust.p12").toString(), "-storepass", "changeit");
        https = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(dir.resolve("server.p12").toString()).keystoreType("PKCS12")
                .keystorePassword("changeit").keyManagerPassword("changeit"));
        https.start();
        https.stubFor(get(urlPathEqualTo("/api/statistics/")).willReturn(okJson(Fixtures.json("statistics"))));
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "keytool");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
    }

    @AfterAll
    static void stopHttps() {
        if (https != null) {
            https.stop();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        KeyStoreParameters trust = new KeyStoreParameters();
        trust.setResource("file:" + dir.resolve("trust.p12"));
        trust.setPassword("changeit");
        trust.setType("PKCS12");
        TrustManagersParameters tmp = new TrustManagersParameters();
        tmp.setKeyStore(trust);
        SSLContextParameters scp = new SSLContextParameters();
        scp.setTrustManagers(tmp);
        ctx.getRegistry().bind("paperlessTls", scp);
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setToken("tls-token");
        pc.getConfiguration().setRetryAttempts(0);
        ctx.addComponent("paperless", pc);
        return ctx;
    }

    private Exception stats(String host, String options) {
        Exchange ex = template.request("paperless:statistics?baseUrl=https://" + host + ":" + https.httpsPort() + options, e -> {
        });
        if (ex.getException() == null) {
            assertThat(ex.getMessage().getBody(Statistics.class).documentsTotal()).isEqualTo(412);
        }
        return ex.getException();
    }

    @Test
    void aSelfSignedCertificateIsRefusedByDefaultWithAClearMessage() {
        assertThat(stats("localhost", "")).isInstanceOf(PaperlessConnectionException.class)
                .hasMessageContaining("TLS handshake with https://localhost")
                .hasMessageContaining("configure sslContextParameters with a truststore");
    }

    @Test
    void aTrustStoreInSslContextParametersIsAccepted() {
        assertThat(stats("localhost", "&sslContextParameters=#paperlessTls")).isNull();
    }

    @Test
    void hostnameVerificationStaysOnUnlessTurnedOff() {
        // the certificate names localhost, not 127.0.0.1
        assertThat(stats("127.0.0.1", "&sslContextParameters=#paperlessTls")).isInstanceOf(PaperlessConnectionException.class);
        assertThat(stats("127.0.0.1", "&sslContextParameters=#paperlessTls&hostnameVerification=false")).isNull();
    }
}
