/* Klantreis Kennisbank: every term's title and definition, for the tooltips. Generated. */
window.klantreisBegrippen = {{ terms | tojson }};
