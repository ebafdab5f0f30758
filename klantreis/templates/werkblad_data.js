/* Klantreis Kennisbank: what the worksheet editor needs (schema, catalogue, icons). Generated. */
window.klantreisWerkblad = {{ data | tojson }};
