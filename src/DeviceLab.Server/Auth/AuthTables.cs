using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary>Tables of authentication (API keys; users come with the auth feature).</summary>
internal static class AuthTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<ApiKey>(key =>
        {
            key.HasIndex(k => k.Prefix).IsUnique();
            key.HasIndex(k => k.Name);
        });
    }
}
