using System.Security.Cryptography;
using DeviceLab.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeviceLab.Server.Auth;

/// <summary>
/// Makes sure someone can sign in: creates the administrator of <c>DeviceLab:Auth:BootstrapAdmin</c> when no user has
/// that e-mail address, or — with nothing configured and no user at all — <see cref="BootstrapAdminOptions.DefaultEmail"/>
/// with a generated password, printed once and written to <see cref="PasswordFileName"/> (0600) in the data folder.
/// Runs at start after the database is migrated (StartAsync follows every StartingAsync).
/// </summary>
internal sealed class BootstrapAdmin(
    IServiceScopeFactory scopes,
    IOptions<AuthOptions> auth,
    IOptions<DeviceLabOptions> options,
    TimeProvider time,
    ILogger<BootstrapAdmin> logger) : IHostedService
{
    public const string PasswordFileName = "admin-password.txt";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DeviceLabUser>>();
        var configured = auth.Value.BootstrapAdmin;
        if (!string.IsNullOrWhiteSpace(configured.Email))
        {
            if (await users.FindByEmailAsync(configured.Email) is null)
                await CreateAsync(users, configured.Email.Trim(), configured.Password!, "DeviceLab:Auth:BootstrapAdmin:Password");
            return;
        }
        if (await users.Users.AnyAsync(cancellationToken)) return;

        var password = GeneratePassword();
        if (!await CreateAsync(users, BootstrapAdminOptions.DefaultEmail, password, "the generated password")) return;
        var file = Path.Combine(options.Value.DataDirectoryPath, PasswordFileName);
        WritePasswordFile(file, BootstrapAdminOptions.DefaultEmail, password);
        // Once, on the console (not the log, which may be shipped elsewhere): the demo's first start shows the login.
        Console.WriteLine($"DeviceLab admin sign-in: {BootstrapAdminOptions.DefaultEmail} / {password}  (also in {file}; change it after signing in)");
        logger.LogInformation("Created the administrator {Email}; its generated password is in {File}", BootstrapAdminOptions.DefaultEmail, file);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<bool> CreateAsync(UserManager<DeviceLabUser> users, string email, string password, string source)
    {
        var user = new DeviceLabUser
        {
            UserName = email, Email = email, EmailConfirmed = true, Role = DeviceLabRole.Admin, CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) return true;
        // Another node starting at the same moment created it first.
        if (result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
            return false;
        throw new DeviceLabStartupException(
            $"Cannot create the administrator {email} with {source}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    /// <summary>20 characters from an alphabet without look-alikes, with upper, lower and digit (Identity's rules).</summary>
    internal static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        while (true)
        {
            var password = RandomNumberGenerator.GetString(alphabet, 20);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit)) return password;
        }
    }

    private static void WritePasswordFile(string path, string email, string password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path); // a left-over file of an older database keeps its mode; start afresh with 0600
        var mode = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) mode.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, mode);
        writer.Write($"email: {email}\npassword: {password}\n");
    }
}
