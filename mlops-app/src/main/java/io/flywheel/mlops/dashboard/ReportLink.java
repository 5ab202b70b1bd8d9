package io.flywheel.mlops.dashboard;

import io.quarkus.qute.TemplateData;

/**
 * A printable report listed on the reports page.
 *
 * @param kind  {@code deployment} or {@code drift}
 * @param href  where the printable HTML is served (an endpoint of the app, read with the viewer role)
 */
@TemplateData
public record ReportLink(String kind, String title, String createdAt, String href) {
}
