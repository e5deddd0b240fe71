package io.github.camelpaperless.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Every producer operation, named as in the option {@code operation} and the header {@code CamelPaperlessOperation}.
 * Which resource supports which operation is declared in {@link PaperlessResource}.
 */
public enum PaperlessOperation {
    // generic
    get,
    list,
    page,
    create,
    update,
    replace,
    delete,
    bulkDelete,
    bulkSetPermissions,
    // resource specific (foundation)
    rebuild,
    test,
    process,
    deactivateTotp,
    generateToken,
    search,
    // documents
    upload,
    download,
    preview,
    thumbnail,
    metadata,
    suggestions,
    notes,
    addNote,
    deleteNote,
    shareLinks,
    history,
    root,
    nextAsn,
    email,
    uploadVersion,
    updateVersion,
    deleteVersion,
    selectionData,
    bulkDownload,
    autocomplete,
    moreLike,
    findDuplicate,
    bulkEdit,
    setCorrespondent,
    setDocumentType,
    setStoragePath,
    addTag,
    removeTag,
    modifyTags,
    modifyCustomFields,
    setPermissions,
    reprocess,
    rotate,
    merge,
    split,
    deletePages,
    editPdf,
    removePassword,
    // tasks
    active,
    summary,
    statusCounts,
    acknowledge,
    run,
    poll,
    // trash
    restore,
    empty;

    /** Case-sensitive lookup; {@code null} when unknown. */
    public static PaperlessOperation find(String name) {
        if (name == null) {
            return null;
        }
        for (PaperlessOperation op : values()) {
            if (op.name().equals(name.trim())) {
                return op;
            }
        }
        return null;
    }

    /** All names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
