package io.github.camelpaperless.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.PaperlessDuplicateException;
import io.github.camelpaperless.client.PaperlessTaskFailedException;
import io.github.camelpaperless.client.PaperlessValidationException;
import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.spi.StateRepository;

/**
 * The ingest step shared by the file, FTP and mail examples: upload, then wait for the consumption task, without ever
 * uploading the same content twice.
 * <ul>
 * <li>{@code duplicates=skip}: content Paperless already has (same checksum) is not uploaded again;</li>
 * <li>a <em>pending</em> marker (content checksum → task id, in a shared state file) is written as soon as the upload
 * is accepted and removed when its task finished: if the process crashes or the server goes away while the task runs,
 * the retry waits for that task instead of uploading again;</li>
 * <li>a task that fails for a reason a retry cannot fix (damaged file, invalid metadata) is a <em>rejection</em>
 * (property {@value #OUTCOME} = {@code failed}, reason in {@value #REASON}); everything else (outage, 5xx, timeout)
 * fails the exchange so the source keeps the file / mail for the next poll.</li>
 * </ul>
 */
public final class Ingest {

    public static final String OUTCOME = "paperlessOutcome";
    public static final String REASON = "paperlessReason";
    static final String CHECKSUM = "paperlessChecksum";

    private Ingest() {
    }

    /** Appends the ingest steps to a route; {@code uploadOptions} are extra paperless:documents options. */
    public static ProcessorDefinition<?> steps(ProcessorDefinition<?> route, StateRepository<String, String> pending,
                                                            String uploadOptions) {
        return route
                .setProperty(OUTCOME, constant("done"))
                .process(e -> checkPending(e, pending))
                .choice()
                    .when(header(PaperlessConstants.TASK_ID).isNull())
                        .to("paperless:documents?operation=upload&duplicates=skip" + uploadOptions)
                        .process(e -> {
                            String task = e.getMessage().getHeader(PaperlessConstants.TASK_ID, String.class);
                            if (task != null) {
                                pending.setState(e.getProperty(CHECKSUM, String.class), task);
                            }
                        })
                .end()
                .choice()
                    .when(header(PaperlessConstants.TASK_ID).isNotNull())
                        .to("paperless:tasks?operation=poll&failOnTaskFailure=false&waitTimeout={{ingest.waitTimeout:300000}}")
                        .process(e -> {
                            pending.setState(e.getProperty(CHECKSUM, String.class), "");
                            io.github.camelpaperless.client.model.Task t
                                    = e.getMessage().getBody(io.github.camelpaperless.client.model.Task.class);
                            if (!t.isSuccess()) {
                                throw new PaperlessTaskFailedException(t);
                            }
                        })
                .end();
    }

    private static org.apache.camel.builder.ValueBuilder header(String name) {
        return org.apache.camel.builder.Builder.header(name);
    }

    private static org.apache.camel.builder.ValueBuilder constant(Object v) {
        return org.apache.camel.builder.Builder.constant(v);
    }

    /** Exceptions that a retry cannot fix: the source item goes to the failed place, with the reason. */
    @SuppressWarnings("unchecked")
    public static Class<? extends Throwable>[] rejections() {
        return new Class[] { PaperlessTaskFailedException.class, PaperlessValidationException.class,
                             PaperlessDuplicateException.class };
    }

    /** Marks the exchange as rejected and records why. */
    public static void reject(Exchange e) {
        Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        e.setProperty(OUTCOME, "failed");
        e.setProperty(REASON, cause == null ? "unknown" : cause.getMessage());
    }

    private static void checkPending(Exchange e, StateRepository<String, String> pending) {
        String checksum = checksum(e);
        e.setProperty(CHECKSUM, checksum);
        String task = pending.getState(checksum);
        if (task != null && !task.isBlank()) {
            e.getMessage().setHeader(PaperlessConstants.TASK_ID, task);
        } else {
            e.getMessage().removeHeader(PaperlessConstants.TASK_ID);
        }
    }

    static String checksum(Exchange e) {
        Object body = e.getMessage().getBody();
        try {
            if (body instanceof GenericFile && ((GenericFile<?>) body).getFile() instanceof java.io.File) {
                Path p = ((java.io.File) ((GenericFile<?>) body).getFile()).toPath();
                try (InputStream in = Files.newInputStream(p)) {
                    return Checksums.of(in).sha256();
                }
            }
            if (body instanceof byte[]) {
                return Checksums.of((byte[]) body).sha256();
            }
            if (body instanceof String) {
                return Checksums.of(((String) body).getBytes(StandardCharsets.UTF_8)).sha256();
            }
            byte[] bytes = e.getMessage().getBody(byte[].class);
            e.getMessage().setBody(bytes);
            return Checksums.of(bytes).sha256();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
