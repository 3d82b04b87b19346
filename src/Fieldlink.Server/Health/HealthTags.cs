namespace Fieldlink.Server.Health;

/// <summary>
/// Which endpoint runs a health check: <c>/healthz</c> runs the <see cref="Live"/> ones (is the process worth keeping,
/// can it reach its store), <c>/healthz/ready</c> the <see cref="Ready"/> ones (should it get traffic, and is anything
/// falling behind). A check is added with its tags, e.g. <c>AddCheck&lt;T&gt;("name", tags: [HealthTags.Ready])</c>.
/// </summary>
public static class HealthTags
{
    public const string Live = "live";

    public const string Ready = "ready";
}
