// The pipeline's stages as the user reads them. The codes are the core's.

export const MAIN_LINE = [
  "identified", "connection_requested", "connected", "interview_requested",
  "scheduled", "done", "thanked", "followed_up",
];
export const CLOSED = ["declined", "no_response", "cancelled"];

const LABELS = {
  identified: "Identified",
  connection_requested: "Connection requested",
  connected: "Connected",
  interview_requested: "Interview requested",
  scheduled: "Scheduled",
  done: "Done",
  thanked: "Thanked",
  followed_up: "Followed up",
  declined: "Declined",
  no_response: "No response",
  cancelled: "Cancelled",
};

/** What the user does next at each stage. */
const NEXT_STEP = {
  identified: "Send them a connection request, ideally on LinkedIn.",
  connection_requested: "Wait for them to accept your request.",
  connected: "Ask for 15–20 minutes to learn about their work — not for a job.",
  interview_requested: "When they agree, set the date and time, then mark it scheduled.",
  scheduled: "Prepare your questions. Bring your resume, but offer it only if asked. When you meet, start live mode.",
  done: "Send your thank-you note within 24 hours.",
  thanked: "Follow up on their tips and tell them how it went.",
  followed_up: "Keep in touch every few months.",
  declined: "Thank them anyway, and ask someone else at the same organisation.",
  no_response: "Try a second person at the same organisation.",
  cancelled: "Reschedule if you both still want to talk.",
};

export const stageLabel = (code) => LABELS[code] ?? code;
export const nextStep = (code) => NEXT_STEP[code] ?? "";
export const isFirst = (code) => code === MAIN_LINE[0];
export const isLast = (code) => code === MAIN_LINE[MAIN_LINE.length - 1];
