package io.github.camelpaperless.client.model;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The application configuration ({@code /api/config/}). Secrets such as {@code llmApiKey} read obfuscated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationConfiguration(
        Integer id,
        JsonNode userArgs,
        JsonNode barcodeTagMapping,
        String llmApiKey,
        String outputType,
        Integer pages,
        String language,
        String mode,
        String archiveFileGeneration,
        Integer imageDpi,
        String unpaperClean,
        Boolean deskew,
        Boolean rotatePages,
        Double rotatePagesThreshold,
        Double maxImagePixels,
        String colorConversionStrategy,
        String appTitle,
        String appLogo,
        Boolean barcodesEnabled,
        Boolean barcodeEnableTiffSupport,
        String barcodeString,
        Boolean barcodeRetainSplitPages,
        Boolean barcodeEnableAsn,
        String barcodeAsnPrefix,
        Double barcodeUpscale,
        Integer barcodeDpi,
        Integer barcodeMaxPages,
        Boolean barcodeEnableTag,
        Boolean barcodeTagSplit,
        Boolean aiEnabled,
        String llmEmbeddingBackend,
        String llmEmbeddingModel,
        String llmEmbeddingEndpoint,
        Integer llmEmbeddingChunkSize,
        Integer llmContextSize,
        String llmBackend,
        String llmModel,
        String llmEndpoint,
        String llmOutputLanguage,
        Integer llmRequestTimeout) implements HasId {
}
