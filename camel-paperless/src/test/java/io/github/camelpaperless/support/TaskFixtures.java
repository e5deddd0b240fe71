package io.github.camelpaperless.support;

/**
 * Task JSON as the server renders it in API 10 ({@code TaskSerializerV10}) and API 9 ({@code TaskSerializerV9}). Its
 * times are a few seconds before now, as a real server's are for a task just run (an unfinished task dated long ago
 * would be taken for orphaned).
 */
public final class TaskFixtures {

    private TaskFixtures() {
    }

    /** Now minus some milliseconds, as the server writes it (microseconds, Z). */
    static String ago(long millis) {
        return java.time.Instant.now().minusMillis(millis).truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
    }

    public static String v10(int id, String uuid, String status, String resultData, String relatedIds) {
        return "{\"id\":" + id + ",\"task_id\":\"" + uuid + "\",\"task_type\":\"consume_file\",\"task_type_display\":\"Consume File\","
               + "\"trigger_source\":\"api_upload\",\"trigger_source_display\":\"API Upload\",\"status\":\"" + status + "\","
               + "\"status_display\":\"" + status + "\",\"date_created\":\"" + ago(5000) + "\","
               + "\"date_started\":" + (status.equals("pending") ? "null" : "\"" + ago(4000) + "\"") + ","
               + "\"date_done\":" + (isTerminal(status) ? "\"" + ago(500) + "\"" : "null") + ","
               + "\"duration_seconds\":" + (isTerminal(status) ? "3.5" : "null") + ",\"wait_time_seconds\":0.9,"
               + "\"input_data\":{\"filename\":\"invoice.pdf\",\"mime_type\":\"application/pdf\",\"overrides\":{\"title\":\"Invoice\"}},"
               + "\"result_data\":" + (resultData == null ? "null" : resultData) + ","
               + "\"related_document_ids\":" + (relatedIds == null ? "[]" : relatedIds) + ",\"acknowledged\":false,\"owner\":3}";
    }

    public static String v9(int id, String uuid, String status, String result, Integer related) {
        return "{\"id\":" + id + ",\"task_id\":\"" + uuid + "\",\"task_name\":\"consume_file\",\"task_file_name\":\"invoice.pdf\","
               + "\"type\":\"auto_task\",\"status\":\"" + status + "\",\"date_created\":\"" + ago(5000) + "\","
               + "\"date_done\":" + (isTerminal(status.toLowerCase()) ? "\"" + ago(1000) + "\"" : "null") + ","
               + "\"result\":" + (result == null ? "null" : "\"" + result + "\"") + ",\"acknowledged\":false,"
               + "\"related_document\":" + related + ",\"duplicate_documents\":[],\"owner\":3}";
    }

    /** An API 10 page of tasks. */
    public static String page(String... tasks) {
        return Fixtures.page(tasks.length, null, null, tasks);
    }

    private static boolean isTerminal(String s) {
        return s.equals("success") || s.equals("failure") || s.equals("revoked");
    }
}
