namespace Fieldlink.Sdk;

/// <summary>Marks a settings property as secret: it is stored but never returned by the API, nor logged.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;
