using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Amigo.Benchmarks")]
