namespace DeviceLab.Server;

/// <summary>
/// The content root (appsettings.json, static files) is the server's own folder, so <c>dotnet path/DeviceLab.Server.dll</c>
/// works from any working folder — which stays where the user is, because the data folder <c>.devicelab/</c> is
/// relative to it. <c>--contentRoot</c> or <c>ASPNETCORE_CONTENTROOT</c> still choose another (tests do).
/// </summary>
internal static class ServerContentRoot
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsGiven(args) ? null : AppContext.BaseDirectory,
    };

    private static bool IsGiven(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase)) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT")) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
}
