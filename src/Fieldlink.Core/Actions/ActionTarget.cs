using Fieldlink.Core.Devices;
using Fieldlink.Core.Providers;

namespace Fieldlink.Core.Actions;

/// <summary>Where an action on a device goes: the device, its provider instance and its provider.</summary>
public sealed record ActionTarget(Device Device, ProviderInstance Instance, Provider Provider);
