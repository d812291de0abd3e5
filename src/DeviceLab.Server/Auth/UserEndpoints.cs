using DeviceLab.Server.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Auth;

/// <summary><c>/api/v1/users</c> (admins): dashboard users and their roles. The last administrator cannot be removed or demoted.</summary>
internal static class UserEndpoints
{
    public sealed record UserView(long Id, string Email, DeviceLabRole Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedOutUntil)
    {
        public static UserView Of(DeviceLabUser u) => new(u.Id, u.Email ?? u.UserName ?? "", u.Role, u.CreatedAt, u.LastSignInAt,
            u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null);
    }

    public sealed record CreateUserRequest(string? Email, string? Password, DeviceLabRole? Role);

    /// <param name="Password">A new password (optional).</param>
    public sealed record UpdateUserRequest(DeviceLabRole? Role, string? Password);

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users").WithTags("Access").RequireAuthorization(DeviceLabPolicies.Admin);
        users.MapGet("/", async (UserManager<DeviceLabUser> manager, CancellationToken ct) =>
            TypedResults.Ok((await manager.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct)).Select(UserView.Of).ToList()))
            .WithSummary("Every dashboard user.");
        users.MapPost("/", CreateAsync).WithSummary("Create a user with an e-mail address, a password (12+ characters) and a role.");
        users.MapPatch("/{id:long}", UpdateAsync).WithSummary("Change a user's role and/or password; takes effect within a minute.");
        users.MapDelete("/{id:long}", DeleteAsync).WithSummary("Delete a user.");
        return endpoints;
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateAsync(CreateUserRequest request, UserManager<DeviceLabUser> manager, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || request.Role is not { } role)
            return ApiProblems.BadRequest("A user needs email, password and role (viewer, operator or admin).");
        var email = request.Email.Trim();
        var user = new DeviceLabUser { UserName = email, Email = email, EmailConfirmed = true, Role = role, CreatedAt = time.GetUtcNow() };
        var result = await manager.CreateAsync(user, request.Password);
        if (!result.Succeeded) return Refused(result);
        return TypedResults.Created($"/api/v1/users/{user.Id}", UserView.Of(user));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> UpdateAsync(long id, UpdateUserRequest request, UserManager<DeviceLabUser> manager)
    {
        var user = await manager.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return ApiProblems.NotFound("user", id);
        if (request.Role is { } role && role != user.Role)
        {
            if (user.Role == DeviceLabRole.Admin && await IsLastAdminAsync(manager, user))
                return ApiProblems.Conflict($"{user.Email} is the only administrator; make another user admin first.", "Last administrator");
            user.Role = role;
            var updated = await manager.UpdateAsync(user);
            if (!updated.Succeeded) return Refused(updated);
            await manager.UpdateSecurityStampAsync(user); // the user's cookie is re-issued with the new role within a minute
        }
        if (!string.IsNullOrEmpty(request.Password))
        {
            var token = await manager.GeneratePasswordResetTokenAsync(user);
            var reset = await manager.ResetPasswordAsync(user, token, request.Password);
            if (!reset.Succeeded) return Refused(reset);
        }
        return TypedResults.Ok(UserView.Of(user));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, UserManager<DeviceLabUser> manager)
    {
        var user = await manager.FindByIdAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null) return ApiProblems.NotFound("user", id);
        if (user.Role == DeviceLabRole.Admin && await IsLastAdminAsync(manager, user))
            return ApiProblems.Conflict($"{user.Email} is the only administrator and cannot be deleted.", "Last administrator");
        var result = await manager.DeleteAsync(user);
        return result.Succeeded ? TypedResults.NoContent() : Refused(result);
    }

    private static Task<bool> IsLastAdminAsync(UserManager<DeviceLabUser> manager, DeviceLabUser user) =>
        manager.Users.AllAsync(u => u.Id == user.Id || u.Role != DeviceLabRole.Admin);

    private static ProblemHttpResult Refused(IdentityResult result) =>
        ApiProblems.BadRequest(string.Join(" ", result.Errors.Select(e => e.Description)), "User not saved");
}
