using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Registers authentication and authorization: Identity users with a sign-in cookie for the dashboard, API keys and
/// device tokens for programs and agents, the policies of <see cref="DeviceLabPolicies"/> (docs/decisions/0090–0092).
/// </summary>
internal static class AuthServices
{
    public static IServiceCollection AddDeviceLabAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddSingleton<SecretHasher>();
        services.AddSingleton<CredentialUse>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<DeviceTokens>();
        services.AddHostedService<BootstrapAdmin>();
        BootstrapApiKey.Register(services);

        // Keys in PostgreSQL, so every web node can read the cookies the others issued.
        services.AddDataProtection().SetApplicationName("DeviceLab").PersistKeysToDbContext<DeviceLabDbContext>();

        services.AddAuthentication(DeviceLabSchemes.Default)
            .AddPolicyScheme(DeviceLabSchemes.Default, "Cookie, API key or device token", scheme =>
                scheme.ForwardDefaultSelector = context => DeviceLabSchemes.For(context.Request))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(DeviceLabSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, DeviceTokenAuthenticationHandler>(DeviceLabSchemes.DeviceToken, null)
            .AddIdentityCookies();
        services.AddIdentityCore<DeviceLabUser>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): 12 characters, no forced symbols or cases.
                identity.Password.RequiredLength = 12;
                identity.Password.RequiredUniqueChars = 4;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireDigit = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<DeviceLabDbContext>()
            .AddClaimsPrincipalFactory<DeviceLabUserClaims>()
            .AddDefaultTokenProviders();
        // A changed role or a removed user takes effect within a minute, not at the cookie's end.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(SignInCookie.Configure);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((cookie, auth) =>
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(auth.Value.SignInLifetimeMinutes));

        DeviceLabAuthorization.AddPolicies(services.AddAuthorizationBuilder());
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitRevalidation>();
        return services;
    }
}
