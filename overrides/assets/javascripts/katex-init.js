// Render the math that pymdownx.arithmatex leaves in .arithmatex elements, with the KaTeX
// files this site serves itself. Runs on first load and after each instant navigation.
// The table of contents repeats headings as plain text, so math there is still \( ... \): render
// it too.
const MATH_DELIMITERS = [
  { left: "\\(", right: "\\)", display: false },
  { left: "\\[", right: "\\]", display: true },
];

function renderMath() {
  const elements = document.querySelectorAll(".arithmatex, .md-nav--secondary .md-nav__link");
  for (const element of elements) {
    renderMathInElement(element, { delimiters: MATH_DELIMITERS, throwOnError: true });
  }
}
if (typeof document$ !== "undefined") {
  document$.subscribe(renderMath);
} else {
  document.addEventListener("DOMContentLoaded", renderMath);
}
