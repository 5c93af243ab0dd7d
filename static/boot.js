// Starts the WebAssembly app. It lives in a file rather than in an inline script so that the
// Content-Security-Policy can forbid inline scripts; Trunk writes the hashed names of the
// JavaScript glue and the wasm into #dockside-boot (see Trunk.toml).
const boot = document.getElementById("dockside-boot");

function fail(message) {
  const app = document.getElementById("app");
  const text = document.createElement("p");
  text.className = "loading";
  text.textContent = message;
  app.replaceChildren(text);
}

if (!boot || typeof WebAssembly !== "object") {
  fail("Dockside needs a browser with WebAssembly.");
} else {
  try {
    const { default: init } = await import(boot.dataset.js);
    await init({ module_or_path: boot.dataset.wasm });
  } catch (error) {
    console.error(error);
    fail("Dockside could not start: reload the page to try again.");
  }
}
