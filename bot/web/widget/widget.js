/* Kainuun liiton chatbot widget. Embed with one tag:
 *   <script src="https://BOT/webhooks/widget/widget.js" data-title="..." data-color="#00567a" defer></script>
 * Optional: data-bot-url (default: where this script comes from), data-lang="en" for the English
 * interface (default "fi"), data-privacy-url: the council's privacy statement, linked from the
 * notice at the top of the chat (without it, the notice has no link).
 * Text from the bot or the visitor is only ever inserted as text, never as HTML. */
(function () {
  "use strict";
  // Every interface text, in both languages: the one place to change a wording.
  var TEXTS = {
    fi: {
      title: "Kainuun liiton chatbot",
      launcher: "Kysy chatbotilta",
      welcome: "Hei! Vastaan kysymyksiin Kainuun liiton kansainvälisestä toiminnasta. " +
        "Kirjoita kysymys tai valitse alta.",
      suggestions: [
        "Mihin verkostoihin Kainuun liitto kuuluu?",
        "Keneen otan yhteyttä EU-asioissa?",
        "Mikä on Euregio Karelia?"
      ],
      clear: "Tyhjennä keskustelu",
      close: "Sulje chat",
      log: "Keskustelu",
      typing: "Botti kirjoittaa…",
      inputLabel: "Kirjoita kysymyksesi",
      placeholder: "Kirjoita kysymyksesi…",
      send: "Lähetä",
      you: "Sinä: ",
      bot: "Botti: ",
      replies: "Vastausvaihtoehdot",
      retry: "Yritä uudelleen",
      sendFailed: "Viestin lähetys epäonnistui.",
      offline: "Yhteys chatbottiin ei juuri nyt onnistu. Tarkista verkkoyhteys ja yritä uudelleen.",
      privacy: "Älä kirjoita viesteihin henkilötietoja, kuten nimeäsi tai yhteystietojasi.",
      privacyLink: "Tietosuojaseloste",
      newTab: " (avautuu uuteen välilehteen)",
      helpful: "Oliko vastauksesta apua?",
      yesShort: "Kyllä",
      noShort: "Ei",
      yes: "Kyllä, vastauksesta oli apua",
      no: "Ei, vastauksesta ei ollut apua",
      thanks: "Kiitos palautteesta!",
      feedbackFailed: "Palautteen lähetys epäonnistui. Yritä uudelleen."
    },
    en: {
      title: "Regional Council of Kainuu chatbot",
      launcher: "Ask the chatbot",
      welcome: "Hi! I answer questions about the international activities of the Regional " +
        "Council of Kainuu. Type a question or choose one below.",
      suggestions: [
        "Which networks does the Regional Council of Kainuu belong to?",
        "Who should I contact about EU matters?",
        "What is Euregio Karelia?"
      ],
      clear: "Clear conversation",
      close: "Close chat",
      log: "Conversation",
      typing: "The bot is typing…",
      inputLabel: "Type your question",
      placeholder: "Type your question…",
      send: "Send",
      you: "You: ",
      bot: "Bot: ",
      replies: "Reply options",
      retry: "Try again",
      sendFailed: "The message could not be sent.",
      offline: "The chatbot cannot be reached right now. Check your network connection and try again.",
      privacy: "Please do not write personal data, such as your name or contact details, in your messages.",
      privacyLink: "Privacy statement",
      newTab: " (opens in a new tab)",
      helpful: "Was this answer helpful?",
      yesShort: "Yes",
      noShort: "No",
      yes: "Yes, the answer was helpful",
      no: "No, the answer was not helpful",
      thanks: "Thank you for your feedback!",
      feedbackFailed: "The feedback could not be sent. Please try again."
    }
  };
  var LANG_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;  // what a bot message's "lang" may be
  var ANSWER_ID = /^[0-9a-f]{32}$/;  // an answer that can be rated

  var script = document.currentScript;
  var lang = (script.getAttribute("data-lang") || "fi").toLowerCase().split("-")[0];
  if (!TEXTS.hasOwnProperty(lang)) lang = "fi";
  var t = TEXTS[lang];
  var botUrl = (script.getAttribute("data-bot-url") || new URL(script.src).origin).replace(/\/$/, "");
  var base = botUrl + "/webhooks/widget";
  var title = script.getAttribute("data-title") || t.title;
  var color = script.getAttribute("data-color") || "#00567a";
  var privacyUrl = webUrl(script.getAttribute("data-privacy-url"));
  var storageKey = "kl-chat-v1:" + botUrl;
  var maxChars = 1000;
  // The server writes its validation errors in this language.
  var headers = { "Content-Type": "application/json", "Accept-Language": lang };

  // An address to link to: http(s) only, relative ones resolved against the bot; else null.
  function webUrl(address) {
    if (!address) return null;
    try {
      var url = new URL(address, botUrl + "/");
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) { return null; }
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function newId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(storageKey));
      if (saved && /^[0-9a-f]{32}$/.test(saved.sender) && Array.isArray(saved.items)) return saved;
    } catch (e) { /* unreadable history: start again */ }
    return { sender: newId(), items: [] };
  }

  var state = load();
  function save() {
    try { localStorage.setItem(storageKey, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  var stylesheet = el("link", { rel: "stylesheet", href: base + "/widget.css" });
  document.head.appendChild(stylesheet);

  var root = el("div", { class: "kl-chat", lang: lang });
  root.style.setProperty("--kl-color", color);
  var launcher = el("button", { type: "button", class: "kl-launcher", "aria-expanded": "false",
                                "aria-controls": "kl-panel" }, t.launcher);
  var panel = el("section", { id: "kl-panel", class: "kl-panel", role: "dialog",
                              "aria-labelledby": "kl-title", hidden: "" });
  var header = el("div", { class: "kl-header" });
  header.appendChild(el("h2", { id: "kl-title" }, title));
  var clearButton = el("button", { type: "button", class: "kl-clear" }, t.clear);
  var closeButton = el("button", { type: "button", class: "kl-close", "aria-label": t.close }, "×");
  header.appendChild(clearButton);
  header.appendChild(closeButton);
  var log = el("div", { class: "kl-log", role: "log", "aria-live": "polite",
                        "aria-label": t.log, tabindex: "0" });
  var typing = el("p", { class: "kl-typing", role: "status", hidden: "" }, t.typing);
  var form = el("form", { class: "kl-form" });
  var label = el("label", { for: "kl-input", class: "kl-sr" }, t.inputLabel);
  var input = el("input", { id: "kl-input", type: "text", maxlength: String(maxChars),
                            autocomplete: "off", placeholder: t.placeholder });
  var send = el("button", { type: "submit", class: "kl-send" }, t.send);
  [label, input, send].forEach(function (n) { form.appendChild(n); });
  [header, log, typing, form].forEach(function (n) { panel.appendChild(n); });
  root.appendChild(launcher);
  root.appendChild(panel);

  // Bot text may contain addresses: they become links, everything else stays plain text.
  function appendText(node, text) {
    String(text).split(/(https?:\/\/[^\s<>"]+)/).forEach(function (part, i) {
      if (i % 2) {
        node.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer" }, part));
      } else if (part) {
        node.appendChild(document.createTextNode(part));
      }
    });
  }

  function link(url, text) {
    var a = el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
    a.appendChild(el("span", { class: "kl-sr" }, t.newTab));
    return a;
  }

  // An answer's last line names its source ("Lähde: <title>"): the title becomes the link.
  function appendAnswer(node, item) {
    var text = String(item.text || "");
    var source = item.source || {};
    var cut = text.lastIndexOf("\n");
    var line = text.slice(cut + 1);
    var url = webUrl(source.url);
    if (!url || cut < 0 || typeof source.title !== "string" || !source.title ||
        line.slice(-source.title.length) !== source.title) {
      appendText(node, text);
      return;
    }
    appendText(node, text.slice(0, cut));
    var cite = el("span", { class: "kl-source" }, line.slice(0, -source.title.length));
    cite.appendChild(link(url, source.title));
    node.appendChild(cite);
  }

  // "Was this answer helpful?" with two buttons, once per answer; the rating is stored with the
  // conversation (POST /feedback) and the buttons give way to a thank-you.
  function feedbackFor(item) {
    var box = el("div", { class: "kl-feedback" });
    if (item.rated !== undefined) {
      box.appendChild(el("p", { class: "kl-thanks" }, t.thanks));
      return box;
    }
    var question = el("span", { id: "kl-q-" + item.answer }, t.helpful);
    var group = el("div", { role: "group", "aria-labelledby": "kl-q-" + item.answer });
    group.appendChild(question);
    // The visible word starts the accessible name, so voice control finds the button by it.
    [[true, "\uD83D\uDC4D", t.yesShort, t.yes],
     [false, "\uD83D\uDC4E", t.noShort, t.no]].forEach(function (choice) {
      var button = el("button", { type: "button", class: "kl-rate", "aria-label": choice[3] });
      button.appendChild(el("span", { "aria-hidden": "true" }, choice[1] + " "));
      button.appendChild(document.createTextNode(choice[2]));
      button.addEventListener("click", function () { rate(item, choice[0], box, group); });
      group.appendChild(button);
    });
    box.appendChild(group);
    return box;
  }

  function rate(item, helpful, box, group) {
    var buttons = group.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) { b.disabled = true; });
    var failed = box.querySelector(".kl-feedback-error");
    if (failed) failed.remove();
    fetch(base + "/feedback", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ sender: state.sender, answer: item.answer, helpful: helpful })
    }).then(function (res) {
      if (!res.ok && res.status !== 409) throw new Error(String(res.status));  // 409: rated before
      item.rated = helpful;
      save();
      var thanks = el("p", { class: "kl-thanks", tabindex: "-1" }, t.thanks);
      box.replaceChildren(thanks);
      thanks.focus();  // the buttons are gone: keep the keyboard where it was
    }).catch(function () {
      Array.prototype.forEach.call(buttons, function (b) { b.disabled = false; });
      box.appendChild(el("p", { class: "kl-feedback-error", role: "alert" }, t.feedbackFailed));
    });
  }

  function renderItem(item, isLast) {
    var who = item.who === "user" ? "user" : "bot";
    var msg = el("div", { class: "kl-msg kl-" + who });
    var prefix = el("span", { class: "kl-sr" }, who === "user" ? t.you : t.bot);
    // A message in the other language is marked, so that screen readers pronounce it right.
    var other = typeof item.lang === "string" && LANG_TAG.test(item.lang) &&
      item.lang.toLowerCase() !== lang ? item.lang : null;
    if (other) {
      msg.setAttribute("lang", other);
      prefix.setAttribute("lang", lang);
    }
    msg.appendChild(prefix);
    appendAnswer(msg, item);
    log.appendChild(msg);
    if (who === "bot" && ANSWER_ID.test(item.answer || "")) log.appendChild(feedbackFor(item));
    if (item.error) {
      msg.classList.add("kl-error");
      var retry = el("button", { type: "button", class: "kl-retry" }, t.retry);
      retry.addEventListener("click", function () { msg.remove(); post(item.retry, null); });
      msg.appendChild(retry);
    }
    if (isLast && item.buttons && item.buttons.length) {
      var group = el("div", { class: "kl-buttons", role: "group", "aria-label": t.replies });
      item.buttons.forEach(function (b) {
        var button = el("button", { type: "button", class: "kl-quick" }, b.title);
        if (other) button.setAttribute("lang", other);
        button.addEventListener("click", function () {
          ask(b.payload || b.title, b.title);
          input.focus();  // the buttons go away with the answer: keep focus in the chat
        });
        group.appendChild(button);
      });
      log.appendChild(group);
    }
  }

  function render() {
    log.textContent = "";
    var notice = el("p", { class: "kl-privacy" }, t.privacy + (privacyUrl ? " " : ""));
    if (privacyUrl) notice.appendChild(link(privacyUrl, t.privacyLink));
    log.appendChild(notice);
    var items = state.items.length ? state.items : [{
      who: "bot", text: t.welcome,
      buttons: t.suggestions.map(function (s) { return { title: s, payload: s }; })
    }];
    items.forEach(function (item, i) { renderItem(item, i === items.length - 1); });
    log.scrollTop = log.scrollHeight;
  }

  function add(item) {
    if (!item.error) { state.items.push(item); save(); }
    var group = log.querySelector(".kl-buttons");
    if (group) group.remove();
    renderItem(item, true);
    log.scrollTop = log.scrollHeight;
  }

  function setBusy(busy) {
    typing.hidden = !busy;
    send.disabled = busy;
  }

  function post(message, shown) {
    if (shown !== null) add({ who: "user", text: shown });
    setBusy(true);
    fetch(base + "/webhook", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ sender: state.sender, message: message, metadata: { lang: lang } })
    }).then(function (res) {
      return res.json().then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      setBusy(false);
      if (!r.ok) {
        add({ who: "bot", text: r.body.error || t.sendFailed, error: true, retry: message });
        return;
      }
      r.body.forEach(function (m) {
        if (m.text) {
          add({ who: "bot", text: m.text, buttons: m.buttons || [], lang: m.lang,
                answer: m.answer, source: m.source });
        }
      });
    }).catch(function () {
      setBusy(false);
      add({ who: "bot", error: true, retry: message,
            text: t.offline });
    });
  }

  function ask(message, shown) {
    if (!message.trim()) return;
    post(message, shown);
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    render();
    input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeButton.addEventListener("click", close);
  clearButton.addEventListener("click", function () {
    // The server deletes the old conversation; the visitor goes on with a new id either way.
    fetch(base + "/forget", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ sender: state.sender })
    }).catch(function () { /* offline: the old id is forgotten here, deleted by retention */ });
    try { localStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
    state = { sender: newId(), items: [] };
    render();
    input.focus();
  });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value;
    input.value = "";
    ask(text, text);
    input.focus();
  });

  function mount() { document.body.appendChild(root); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
