using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary>Tables of authentication: users (Identity, renamed from asp_net_*), API keys, device tokens.</summary>
internal static class AuthTables
{
    public static void Map(ModelBuilder model)
    {
        model.Entity<DeviceLabUser>().ToTable("users");
        model.Entity<IdentityUserClaim<long>>().ToTable("user_claims");
        model.Entity<IdentityUserLogin<long>>().ToTable("user_logins");
        model.Entity<IdentityUserToken<long>>().ToTable("user_tokens");
        model.Entity<ApiKey>(key =>
        {
            key.HasIndex(k => k.Prefix).IsUnique();
            key.HasIndex(k => k.Name);
        });
        model.Entity<DeviceToken>(token =>
        {
            token.HasIndex(t => t.Prefix).IsUnique();
            token.HasIndex(t => t.DeviceId);
            token.HasOne(t => t.Device).WithMany().OnDelete(DeleteBehavior.Cascade);
        });
    }
}
