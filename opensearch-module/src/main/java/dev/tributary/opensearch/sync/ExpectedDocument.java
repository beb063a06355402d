package dev.tributary.opensearch.sync;

/**
 * What the source of truth says a document should be: its id, external version and JSON body.
 *
 * @param id the document id
 * @param version the external version
 * @param json the document as JSON (UTF-8)
 */
public record ExpectedDocument(String id, long version, byte[] json) {
    @Override
    public String toString() {
        return "ExpectedDocument[id=" + id + ", version=" + version + "]";
    }
}
