using Fieldlink.Connectors.Mqtt;
using Fieldlink.Connectors.Simulator;
using Fieldlink.Core.Assets;
using Fieldlink.Core.Auth;
using Fieldlink.Core.Data;
using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;
using Fieldlink.Core.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fieldlink.Server.Hosting;

/// <summary>
/// Seeds a demo into an empty store (<c>fieldlink serve --demo</c>), so a new user sees devices, readings and commands
/// at once: the simulator provider and an instance of it (the default instance), two accounts with customer assets, an
/// HVAC sensor category with temperature and humidity, and twenty simulated devices. A store that has any provider
/// is left alone, so a second start seeds nothing. With the embedded MQTT broker on (as <c>--demo</c> has it), also an
/// MQTT provider with an instance on that broker and <see cref="MqttDeviceCount"/> devices any MQTT client can drive.
/// People to sign in as, a Dispatcher and an Administrator, are created whenever they are missing (an older demo store
/// gets them too), with generated passwords logged once. Whether they exist is one query by the normalized e-mail
/// Identity looks people up by; Identity's user manager (its options, validators, password hasher) is made only to
/// create one, so a restart does not build it for nothing.
/// </summary>
public sealed class DemoSeeder(
    FieldlinkDbContext db, IServiceProvider services, ILookupNormalizer normalizer, IOptions<MqttOptions> mqtt, TimeProvider time, ILogger<DemoSeeder> logger)
{
    public const string DispatcherEmail = "dispatcher@demo.fieldlink";
    public const string AdministratorEmail = "admin@demo.fieldlink";

    public const string MqttProviderName = "Fieldlink MQTT";
    public const string MqttInstanceName = "Embedded broker";
    public const int MqttDeviceCount = 3;

    public const string ProviderName = "Fieldlink Simulator";
    public const string InstanceName = "Simulator";
    public const int DeviceCount = 20;

    private static readonly (string Account, string Number, string TimeZone, string[] Assets)[] Customers =
    [
        ("Contoso Facilities", "CF-1001", "Europe/Berlin", ["Rooftop HVAC 1", "Chiller Plant"]),
        ("Fabrikam Foods", "FF-2002", "America/Chicago", ["Cold Room 3", "Espresso Bar"]),
    ];

    /// <summary>Seeds the demo if the store has no provider yet.</summary>
    /// <returns>Whether it seeded; false when the store had providers or another process seeded it first.</returns>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var dispatcher = normalizer.NormalizeEmail(DispatcherEmail);
        var administrator = normalizer.NormalizeEmail(AdministratorEmail);
        var existing = await db.Users.Where(u => u.NormalizedEmail == dispatcher || u.NormalizedEmail == administrator)
            .Select(u => u.NormalizedEmail).ToListAsync(cancellationToken);
        if (!existing.Contains(dispatcher))
        {
            await CreatePersonAsync(DispatcherEmail, PersonRoles.Dispatcher);
        }

        if (!existing.Contains(administrator))
        {
            await CreatePersonAsync(AdministratorEmail, PersonRoles.Administrator);
        }

        if (await db.Providers.AnyAsync(cancellationToken))
        {
            HostingLog.DemoSkipped(logger);
            return false;
        }

        var provider = Add(new Provider
        {
            Name = ProviderName,
            Connector = SimulatorConnector.ConnectorKey,
            Description = "Simulated HVAC sensors, seeded by fieldlink serve --demo.",
        });
        var instance = Add(new ProviderInstance
        {
            ProviderId = provider.Id,
            Name = InstanceName,
            InstanceId = "demo",
            Settings = """{"seed": 42, "telemetryIntervalSeconds": 10}""",
        });
        var category = Add(new DeviceCategory
        {
            Name = "HVAC sensor",
            Description = "A temperature and humidity sensor on an HVAC unit.",
            Measures =
            [
                new Measure { Name = "temperature", Unit = "°C", Low = 2, High = 30 },
                new Measure { Name = "humidity", Unit = "%", Low = 20, High = 80 },
            ],

            // The reference's example commands, so the send-command form has definitions to build from.
            Commands =
            [
                new CommandDefinition { Name = "Reset Thermostat", Description = "Restarts the thermostat with its factory targets." },
                new CommandDefinition
                {
                    Name = "Notification",
                    Description = "Shows a message on the unit's display.",
                    Parameters = [new CommandParameter { Name = "Message", Required = true }],
                },
                new CommandDefinition
                {
                    Name = "Set Values",
                    Description = "Sets the unit's targets.",
                    Parameters =
                    [
                        new CommandParameter
                        {
                            Name = "Reading",
                            Type = ParameterType.Object,
                            Required = true,
                            Parameters =
                            [
                                new CommandParameter { Name = "Temperature", Type = ParameterType.DecimalNumber, Unit = "°C", Required = true },
                                new CommandParameter { Name = "Humidity", Type = ParameterType.DecimalNumber, Unit = "%" },
                            ],
                        },
                    ],
                },
            ],
        });

        var assets = new List<(CustomerAsset Asset, string TimeZone)>();
        foreach (var (name, number, timeZone, assetNames) in Customers)
        {
            var account = Add(new Account { Name = name, AccountNumber = number });
            assets.AddRange(assetNames.Select((assetName, i) => (Add(new CustomerAsset
            {
                Name = assetName,
                AccountId = account.Id,
                SerialNumber = $"{number}-{i + 1:000}",
            }), timeZone)));
        }

        for (var i = 1; i <= DeviceCount; i++)
        {
            // Five devices per asset, in order: sim-01..05 on the first asset, and so on.
            var (asset, timeZone) = assets[(i - 1) * assets.Count / DeviceCount];
            Add(new Device
            {
                Name = $"HVAC sensor {i:00}",
                DeviceId = $"sim-{i:00}",
                ProviderInstanceId = instance.Id,
                AccountId = asset.AccountId,
                CustomerAssetId = asset.Id,
                CategoryId = category.Id,
                TimeZone = timeZone,
                Simulated = true,
                Tags = ["demo"],
            });
        }

        if (mqtt.Value.EmbeddedBrokerPort is { } port)
        {
            AddMqttDevices(port, category, assets[0].Asset, assets[0].TimeZone);
        }

        var settings = await db.Settings.SingleAsync(s => s.Id == IoTSettings.SingletonId, cancellationToken);
        settings.DefaultProviderInstanceId = instance.Id;

        try
        {
            // One SaveChanges, one transaction: the demo is there whole or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Another process seeded it at the same moment (the provider's name is unique); that demo is the one.
            db.ChangeTracker.Clear();
            HostingLog.DemoSkipped(logger);
            return false;
        }

        HostingLog.DemoSeeded(logger, InstanceName, DeviceCount);
        return true;
    }

    /// <summary>An MQTT provider on the embedded broker, and devices mqtt-01.. on the first asset, driven by any MQTT client.</summary>
    private void AddMqttDevices(int port, DeviceCategory category, CustomerAsset asset, string timeZone)
    {
        var provider = Add(new Provider
        {
            Name = MqttProviderName,
            Connector = MqttConnector.ConnectorKey,
            Description = "Devices on the embedded MQTT broker, seeded by fieldlink serve --demo.",
        });
        var instance = Add(new ProviderInstance
        {
            ProviderId = provider.Id,
            Name = MqttInstanceName,
            InstanceId = "demo-mqtt",
            // MQTTnet's broker gives a $share subscription every message, as if unshared: sharing off, one process takes the stream.
            Settings = $$"""{"host": "127.0.0.1", "port": {{port}}, "sharedSubscriptionGroup": ""}""",
        });
        for (var i = 1; i <= MqttDeviceCount; i++)
        {
            Add(new Device
            {
                Name = $"MQTT sensor {i:00}",
                DeviceId = $"mqtt-{i:00}",
                ProviderInstanceId = instance.Id,
                AccountId = asset.AccountId,
                CustomerAssetId = asset.Id,
                CategoryId = category.Id,
                TimeZone = timeZone,
                Tags = ["demo"],
            });
        }
    }

    /// <summary>Creates the person with a generated password, logged once; through Identity's user manager, as the web app does.</summary>
    private async Task CreatePersonAsync(string email, string role)
    {
        var users = services.GetRequiredService<UserManager<FieldlinkUser>>();
        var password = GeneratedPassword.New();
        var person = new FieldlinkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Demo {role}", CreatedAt = time.GetUtcNow() };
        try
        {
            var created = await users.CreateAsync(person, password);
            if (created.Succeeded && (await users.AddToRoleAsync(person, role)).Succeeded)
            {
                HostingLog.DemoPersonCreated(logger, role, email, password);
            }
        }
        catch (DbUpdateException ex) when (db.Classify(ex) == StoreError.UniqueViolation)
        {
            // Another process created them first, and logged their password.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Adds the record with its id set now, so the records that point to it can be made before saving.</summary>
    private T Add<T>(T entity)
        where T : Entity
    {
        entity.Id = Guid.CreateVersion7(time.GetUtcNow());
        db.Add(entity);
        return entity;
    }
}
