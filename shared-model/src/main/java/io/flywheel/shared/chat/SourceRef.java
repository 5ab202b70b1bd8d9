package io.flywheel.shared.chat;

/** A passage an answer was built from: its document, its chunk id in the index version, and its similarity. */
public record SourceRef(String document, String chunk, double score) {
}
