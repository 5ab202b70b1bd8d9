package io.flywheel.shared.inference;

import java.util.List;

/**
 * What the server is ({@code $metadata_server_response}).
 *
 * @param name       the server's name
 * @param version    its version
 * @param extensions the protocol extensions it supports
 */
public record ServerMetadata(String name, String version, List<String> extensions) {
}
