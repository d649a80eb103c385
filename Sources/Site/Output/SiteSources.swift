import Foundation

/// Where the site's own inputs live, for tools that watch them (`attnbook serve`/`watch`).
public enum SiteSources {
    /// The folder the page templates and assets are read from at every build (the `Templates`
    /// resource copied beside the executable), or nil when the resource is missing.
    public static var templatesFolder: String? { SiteTemplates.folder?.path }
}
