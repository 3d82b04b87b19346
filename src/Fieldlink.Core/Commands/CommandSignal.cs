using Fieldlink.Core.Data;

namespace Fieldlink.Core.Commands;

/// <summary>Wakes this process's <see cref="CommandDispatcher"/> when a command is queued here.</summary>
public sealed class CommandSignal(TimeProvider time) : WakeUpSignal(time);
