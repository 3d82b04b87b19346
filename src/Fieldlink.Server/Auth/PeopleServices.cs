using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace Fieldlink.Server.Auth;

/// <summary>
/// Identity for people, without HTTP: the user and role managers on Fieldlink's store, and the options the
/// server and the <c>users</c> command share. <see cref="SignInServices"/> adds the cookie and sign-in on top.
/// </summary>
public static class PeopleServices
{
    /// <summary>Failed sign-ins in a row before an account is locked (<c>Identity:Lockout:MaxFailedAccessAttempts</c>).</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>How long a lockout lasts (<c>Identity:Lockout:DefaultLockoutTimeSpan</c>).</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IdentityBuilder AddFieldlinkPeople(this IServiceCollection services)
    {
        var identity = services.AddIdentityCore<FieldlinkUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;

                // "Confirmed" is how Identity asks whether an account may sign in at all; here it means "not disabled"
                // (DisabledUserConfirmation), checked on every sign-in before the password.
                options.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<FieldlinkDbContext>();

        // Configuration overrides the defaults above, for the documented options and Identity's password rules.
        services.AddOptions<IdentityOptions>().BindConfiguration("Identity");
        services.AddScoped<IUserConfirmation<FieldlinkUser>, DisabledUserConfirmation>();
        services.AddScoped<PeopleAdministration>();
        return identity;
    }
}
