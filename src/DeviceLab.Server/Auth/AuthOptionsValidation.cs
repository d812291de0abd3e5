using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>Stops the server at start when <c>DeviceLab:Auth</c> is inconsistent, naming the key.</summary>
internal sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var admin = options.BootstrapAdmin;
        if (string.IsNullOrWhiteSpace(admin.Email) != string.IsNullOrWhiteSpace(admin.Password))
            failures.Add("DeviceLab:Auth:BootstrapAdmin needs both Email and Password (or neither, to generate a local admin).");
        if (!string.IsNullOrWhiteSpace(admin.Email) && !admin.Email.Contains('@'))
            failures.Add($"DeviceLab:Auth:BootstrapAdmin:Email '{admin.Email}' is not an e-mail address.");
        if (!string.IsNullOrEmpty(options.TokenPepper) && options.TokenPepper.Length < 32)
            failures.Add($"DeviceLab:Auth:TokenPepper is {options.TokenPepper.Length} characters long: use at least 32 random characters, or leave it empty.");
        if (options.SignInLifetimeMinutes is < 5 or > 60 * 24 * 30)
            failures.Add($"DeviceLab:Auth:SignInLifetimeMinutes is {options.SignInLifetimeMinutes}: use 5 to 43200 (30 days).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
