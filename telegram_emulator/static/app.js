// Chat page for the local Telegram emulator: plays one user, talks to the control API (/emulator/...).
"use strict";

const USER_KEY = "bcdbot-emulator-user-id";
const FIRST_NAME = "Web user";
const POLL_TIMEOUT_S = 25;
const PHOTO_TYPES = ["image/jpeg", "image/png"];
const ENTITY_TAGS = {
  bold: "strong", italic: "em", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  text_link: "a", url: "a", spoiler: "span", blockquote: "blockquote", expandable_blockquote: "blockquote",
};

const $ = (id) => document.getElementById(id);
const userId = loadUserId();
let version = 0;
let keyboardFrom = 0;
let stickToBottom = true;

function keepAtBottom() {
  const list = $("messages");
  if (stickToBottom) list.scrollTop = list.scrollHeight;
}

function loadUserId() {
  // "?user=42" opens the chat of user 42 (handy for demos and for watching a test's chat).
  const requested = new URLSearchParams(window.location.search).get("user");
  if (requested && /^\d+$/.test(requested)) localStorage.setItem(USER_KEY, requested);
  let id = localStorage.getItem(USER_KEY);
  if (!id || !/^\d+$/.test(id)) {
    id = String(100000000 + Math.floor(Math.random() * 900000000));
    localStorage.setItem(USER_KEY, id);
  }
  return Number(id);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function setStatus(text) { $("status").textContent = text; }

function toast(text, alertBox) {
  if (alertBox) { window.alert(text); return; }
  const box = $("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 3500);
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

function safeUrl(url) {
  return /^(https?:|tg:|mailto:)/i.test(url || "") ? url : "#";
}

function renderText(text, entities) {
  const fragment = document.createDocumentFragment();
  const known = (entities || []).filter((e) => ENTITY_TAGS[e.type]);
  const cuts = new Set([0, text.length]);
  known.forEach((e) => { cuts.add(e.offset); cuts.add(e.offset + e.length); });
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    if (start >= end || start >= text.length) continue;
    let node = document.createTextNode(text.slice(start, end));
    for (const e of known) {
      if (e.offset > start || e.offset + e.length < end) continue;
      const el = document.createElement(ENTITY_TAGS[e.type]);
      if (el.tagName === "A") {
        el.href = safeUrl(e.type === "url" ? text.slice(e.offset, e.offset + e.length) : e.url);
        el.target = "_blank";
        el.rel = "noopener noreferrer";
      }
      if (e.type === "spoiler") { el.className = "spoiler"; el.tabIndex = 0; }
      el.appendChild(node);
      node = el;
    }
    fragment.appendChild(node);
  }
  return fragment;
}

function fileUrl(fileId) { return `/emulator/files/${encodeURIComponent(fileId)}`; }

function formatSize(bytes) {
  if (!bytes) return "";
  return bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function renderMedia(bubble, m) {
  if (m.photo && m.photo.length) {
    const size = m.photo[m.photo.length - 1];
    const link = document.createElement("a");
    link.href = fileUrl(size.file_id);
    link.target = "_blank";
    link.rel = "noopener";
    const img = document.createElement("img");
    img.src = fileUrl(size.file_id);
    img.alt = m.caption ? `Photo: ${m.caption}` : "Photo";
    if (size.width && size.height) { img.width = size.width; img.height = size.height; }
    img.addEventListener("load", keepAtBottom);
    link.appendChild(img);
    bubble.appendChild(link);
  }
  if (m.document) {
    const link = document.createElement("a");
    link.className = "doc";
    link.href = fileUrl(m.document.file_id);
    link.download = m.document.file_name || "file";
    const size = formatSize(m.document.file_size);
    link.textContent = `File: ${m.document.file_name || "file"}${size ? ` (${size})` : ""}`;
    bubble.appendChild(link);
  }
}

function renderInlineKeyboard(bubble, m) {
  const rows = m.reply_markup && m.reply_markup.inline_keyboard;
  if (!rows || m.deleted) return;
  const box = document.createElement("div");
  box.className = "inline-keyboard";
  for (const row of rows) {
    const line = document.createElement("div");
    line.className = "kb-row";
    for (const button of row) {
      let el;
      if (button.url) {
        el = document.createElement("a");
        el.href = safeUrl(button.url);
        el.target = "_blank";
        el.rel = "noopener noreferrer";
      } else {
        el = document.createElement("button");
        el.type = "button";
        if (button.callback_data === undefined) el.disabled = true;
        else el.addEventListener("click", () => pressButton(el, m.message_id, button.callback_data));
      }
      el.className = "kb-button";
      el.textContent = button.text;
      line.appendChild(el);
    }
    box.appendChild(line);
  }
  bubble.appendChild(box);
}

function renderMessage(m) {
  const item = document.createElement("li");
  item.className = `msg ${m.from_bot ? "bot" : "user"}${m.deleted ? " deleted" : ""}`;
  item.id = `msg-${m.message_id}`;
  item.dataset.id = m.message_id;
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  const label = document.createElement("span");
  label.className = "visually-hidden";
  label.textContent = m.from_bot ? "Bot: " : "You: ";
  bubble.appendChild(label);
  const text = document.createElement("div");
  text.className = "text";
  if (m.deleted) {
    text.textContent = "Message deleted";
  } else {
    renderMedia(bubble, m);
    const body = m.text !== undefined ? m.text : m.caption;
    const entities = m.text !== undefined ? m.entities : m.caption_entities;
    if (body) text.appendChild(renderText(body, entities));
    const known = ["text", "caption", "photo", "document"].some((k) => m[k] !== undefined);
    if (!known) text.textContent = `[${Object.keys(m).find((k) => ["sticker", "voice", "video", "audio", "location", "contact"].includes(k)) || "message"}]`;
  }
  bubble.appendChild(text);
  renderInlineKeyboard(bubble, m);
  const meta = document.createElement("span");
  meta.className = "meta";
  const time = new Date(m.date * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  meta.textContent = m.edited ? `edited · ${time}` : time;
  bubble.appendChild(meta);
  item.appendChild(bubble);
  return item;
}

function placeMessage(m) {
  const list = $("messages");
  const node = renderMessage(m);
  const existing = document.getElementById(node.id);
  if (existing) {
    existing.replaceWith(node);
  } else {
    const after = [...list.children].find((child) => Number(child.dataset.id) > m.message_id);
    list.insertBefore(node, after || null);
    if (!m.from_bot) stickToBottom = true;
  }
  if (m.from_bot && m.reply_keyboard && !m.deleted && m.message_id >= keyboardFrom) {
    keyboardFrom = m.message_id;
    showReplyKeyboard(m.reply_keyboard);
  }
}

function showReplyKeyboard(markup) {
  const box = $("reply-keyboard");
  box.textContent = "";
  if (!markup.keyboard) { box.hidden = true; return; }
  for (const row of markup.keyboard) {
    const line = document.createElement("div");
    line.className = "kb-row";
    for (const button of row) {
      const el = document.createElement("button");
      el.type = "button";
      el.textContent = button.text;
      el.addEventListener("click", async () => {
        if (markup.one_time_keyboard) box.hidden = true;
        await sendText(button.text);
      });
      line.appendChild(el);
    }
    box.appendChild(line);
  }
  box.hidden = false;
}

async function pressButton(el, messageId, data) {
  el.disabled = true;
  try {
    const sent = await postJson("/emulator/updates/callback_query",
      { user_id: userId, chat_id: userId, first_name: FIRST_NAME, message_id: messageId, data });
    for (let i = 0; i < 20; i++) {
      await sleep(250);
      const response = await fetch(`/emulator/chats/${userId}/callback_answers`);
      const answer = (await response.json()).answers.find((a) => a.callback_query_id === sent.callback_query_id);
      if (answer) { if (answer.text) toast(answer.text, answer.show_alert); break; }
    }
  } catch (error) {
    setStatus(`Could not press the button: ${error.message}`);
  } finally {
    el.disabled = false;
  }
}

async function sendText(text) {
  await postJson("/emulator/updates/message", { user_id: userId, chat_id: userId, first_name: FIRST_NAME, text });
}

async function sendFile(file, caption) {
  const asPhoto = PHOTO_TYPES.includes(file.type) && !$("as-file").checked;
  const form = new FormData();
  form.append("user_id", String(userId));
  form.append("chat_id", String(userId));
  form.append("first_name", FIRST_NAME);
  if (caption) form.append("caption", caption);
  form.append("file", file, file.name);
  const response = await fetch(`/emulator/updates/${asPhoto ? "photo" : "document"}`, { method: "POST", body: form });
  if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error || `HTTP ${response.status}`);
}

async function onSubmit(event) {
  event.preventDefault();
  const textBox = $("text");
  const fileInput = $("file");
  const text = textBox.value;
  const file = fileInput.files[0];
  if (!file && !text.trim()) return;
  $("send").disabled = true;
  try {
    if (file) await sendFile(file, text.trim());
    else await sendText(text);
    textBox.value = "";
    fileInput.value = "";
    setStatus("");
  } catch (error) {
    setStatus(`Not sent: ${error.message}`);
  } finally {
    $("send").disabled = false;
    textBox.focus();
  }
}

async function pollMessages() {
  for (;;) {
    try {
      const url = `/emulator/chats/${userId}/messages?include_user=1&changed_since=${version}&timeout=${POLL_TIMEOUT_S}`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = await response.json();
      body.messages.forEach(placeMessage);
      keepAtBottom();
      version = Math.max(version, body.version);
      setStatus("");
    } catch (error) {
      setStatus("Emulator unreachable, retrying…");
      await sleep(2000);
    }
  }
}

function init() {
  $("who").textContent = `You are user ${userId} (kept in this browser)`;
  $("composer").addEventListener("submit", onSubmit);
  $("messages").addEventListener("scroll", () => {
    const list = $("messages");
    stickToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  });
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); $("composer").requestSubmit(); }
  });
  $("new-chat").addEventListener("click", () => {
    localStorage.removeItem(USER_KEY);
    window.location.href = window.location.pathname;
  });
  pollMessages();
}

document.addEventListener("DOMContentLoaded", init);
