package io.github.camelpaperless.client;

/** With {@code duplicates=fail}: the document to upload already exists (same checksum); nothing was uploaded. */
public class PaperlessDuplicateException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final int duplicateOf;
    private final String checksum;

    public PaperlessDuplicateException(String fileName, int duplicateOf, String checksum) {
        super("Not uploading " + (fileName == null ? "the document" : fileName) + ": it is a duplicate of document #"
              + duplicateOf + " (checksum " + checksum + ")");
        this.duplicateOf = duplicateOf;
        this.checksum = checksum;
    }

    public int getDuplicateOf() {
        return duplicateOf;
    }

    public String getChecksum() {
        return checksum;
    }
}
