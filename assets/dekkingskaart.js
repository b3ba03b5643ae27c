/* Applies a compact map payload (see dashboard/figures.py map_values_payload) to the figure the
   browser already holds: geometry and names stay, only values, colours and highlights change. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  dekkingskaart: {
    applyMapValues: function (payload, figure) {
      var noUpdate = window.dash_clientside.no_update;
      if (!payload || !figure || !figure.data || !figure.data.length) { return noUpdate; }
      var trace = figure.data[0];
      var level = figure.layout && figure.layout.meta ? figure.layout.meta.level : null;
      if (level !== payload.level || !trace.locations || trace.locations.length !== payload.n) {
        return noUpdate;  // a new level arrives with its own full figure from the server
      }
      var updated = Object.assign({}, trace, {
        z: payload.z,
        text: payload.h.map(function (i) { return payload.labels[i]; }),
        colorscale: payload.colorscale,
        zmax: payload.zmax,
        selectedpoints: payload.selected
      });
      return Object.assign({}, figure, { data: [updated].concat(figure.data.slice(1)) });
    }
  }
});
