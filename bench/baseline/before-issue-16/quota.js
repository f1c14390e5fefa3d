import { ValidationError, AbortError, ConfigError, isWhatsAppError, QuotaStoreError } from './chunk-TW2LHLOH.js';
import { EventEmitter } from 'eventemitter3';

function maskPhone(phone){const digits=String(phone).replace(/\D/g,"");if(digits.length<6)return "***";const plus=String(
phone).trim().startsWith("+")?"+":"";return `${plus}${digits.slice(0,3)}${"*".repeat(digits.length-5)}${digits.slice(-2)}`}var MIN_DIGITS=8;var MAX_DIGITS=15;function normalizePhone(input,path=["to"]){const fail=why=>{const shown=typeof input===
"string"?maskPhone(input):typeof input;const message=`Invalid phone number ${shown}: ${why}. Use the full international \
number in E.164 form, e.g. +447700900123 (country code first, no leading 0).`;throw new ValidationError(message,{issues:[
{code:"phone.invalid",path,message}]})};if(typeof input!=="string")return fail("expected a string");let s=input.trim().replace(
/[\s.\-()]/g,"");if(s.startsWith("+"))s=s.slice(1);else if(s.startsWith("00"))s=s.slice(2);if(s.length===0)return fail("\
it is empty");if(!/^\d+$/.test(s))return fail("it contains characters other than digits, spaces, dots, dashes and parent\
heses");if(s.startsWith("0"))return fail("an international number cannot start with 0 after the + (country codes start 1\
-9)");if(s.length<MIN_DIGITS)return fail(`it has ${s.length} digits, at least ${MIN_DIGITS} are needed`);if(s.length>MAX_DIGITS)
return fail(`it has ${s.length} digits, E.164 allows at most ${MAX_DIGITS}`);return `+${s}`}function phoneDigits(input,path){
return normalizePhone(input,path).slice(1)}function recipientKey(recipient,path="recipient"){if(typeof recipient!=="string"||recipient.trim()===""){throw new ValidationError(
`Invalid ${path}: expected a phone number such as +447700900123.`,{issues:[{code:"recipient.invalid",path:[path],message:"\
expected a non-empty phone number"}]})}try{return phoneDigits(recipient)}catch{return recipient.trim()}}var systemClock=()=>Date.now();var DAY_MS=864e5;function toMillis(at,clock,path="at"){if(at===void 0)return clock();const ms=at instanceof
Date?at.getTime():at;if(typeof ms!=="number"||!Number.isFinite(ms)){throw new ValidationError(`Invalid ${path}: expected\
 a Date or epoch milliseconds.`,{issues:[{code:"time.invalid",path:[path],message:"expected a valid Date or epoch millis\
econds"}]})}return ms}function throwIfAborted(signal){if(signal?.aborted)throw new AbortError(void 0,{cause:signal.reason})}
function sleep(ms,signal){return new Promise((resolve,reject)=>{if(signal?.aborted){reject(new AbortError(void 0,{cause:signal.
reason}));return}const onAbort=()=>{clearTimeout(timer);reject(new AbortError(void 0,{cause:signal?.reason}));};const timer=setTimeout(
()=>{signal?.removeEventListener("abort",onAbort);resolve();},Math.max(0,ms));signal?.addEventListener("abort",onAbort,{once:true});})}var DEFAULT_MESSAGES_PER_SECOND=80;var DEFAULT_PAIR_INTERVAL_MS=6e3;function positive(name,value,integer){if(typeof value!==
"number"||!Number.isFinite(value)||value<=0||integer&&!Number.isInteger(value)){throw new ConfigError(`Invalid ${name}: \
expected a positive ${integer?"integer":"number"}.`,{issues:[{code:"limiter.invalid",path:[name],message:`expected a pos\
itive ${integer?"integer":"number"}`}]})}return value}function gcra(tat,now,intervalMs,burst){const start=Math.max(tat,now);
const earliest=tat-(burst-1)*intervalMs;const waitMs=Math.max(0,earliest-now);return {waitMs,tat:start+intervalMs}}function createTokenBucket(options={}){
const rate=positive("ratePerSecond",options.ratePerSecond??DEFAULT_MESSAGES_PER_SECOND,false);const burst=positive("burs\
t",options.burst??1,true);const interval=1e3/rate;const clock=options.clock??systemClock;const wait=options.sleep??sleep;
let tat=Number.NEGATIVE_INFINITY;return {ratePerSecond:rate,async take(signal){throwIfAborted(signal);const step=gcra(tat,
clock(),interval,burst);tat=step.tat;if(step.waitMs>0)await wait(step.waitMs,signal);},tryTake(){const step=gcra(tat,clock(),
interval,burst);if(step.waitMs>0)return false;tat=step.tat;return true}}}function createRecipientPacer(options={}){const interval=positive(
"intervalMs",options.intervalMs??DEFAULT_PAIR_INTERVAL_MS,false);const burst=positive("burst",options.burst??1,true);const clock=options.
clock??systemClock;const wait=options.sleep??sleep;const tats=new Map;let sweepAt=1024;return {get size(){return tats.size},
async wait(recipient,signal){throwIfAborted(signal);const key=recipientKey(recipient);const now=clock();const step=gcra(
tats.get(key)??Number.NEGATIVE_INFINITY,now,interval,burst);tats.set(key,step.tat);if(tats.size>=sweepAt){for(const[k,t]of tats)
if(t<=now)tats.delete(k);sweepAt=Math.max(1024,tats.size*2);}if(step.waitMs>0)await wait(step.waitMs,signal);}}}var MIN_CAPACITY=16;var TimeQueue=class{#keys=new Array(MIN_CAPACITY);#times=new Float64Array(MIN_CAPACITY);#head=0;#size=0;get size(){
return this.#size}push(key,time){if(this.#size===this.#keys.length)this.#resize(this.#keys.length*2);const i=this.#head+
this.#size&this.#keys.length-1;this.#keys[i]=key;this.#times[i]=time;this.#size++;}peekTime(){return this.#size===0?void 0:
this.#times[this.#head]}shift(){if(this.#size===0)return void 0;const key=this.#keys[this.#head];this.#keys[this.#head]=
void 0;this.#head=this.#head+1&this.#keys.length-1;this.#size--;if(this.#keys.length>MIN_CAPACITY&&this.#size<=this.#keys.
length/4){this.#resize(this.#keys.length/2);}return key}#resize(capacity){const keys=new Array(capacity);const times=new Float64Array(
capacity);const mask=this.#keys.length-1;for(let n=0;n<this.#size;n++){const from=this.#head+n&mask;keys[n]=this.#keys[from];
times[n]=this.#times[from];}this.#keys=keys;this.#times=times;this.#head=0;}};var MIN_SWEEP=1024;var MemoryQuotaStore=class{#budgets=new Map;#windows=new Map;acquireSync(request){const budget=this.#budget(
request.scope);const now=Math.max(request.now,budget.latest);budget.latest=now;this.#expire(budget,now-request.windowMs);
const used=budget.counted.size;if(budget.counted.has(request.recipient)){return {allowed:true,counted:false,used,oldestAt:budget.
queue.peekTime()}}if(used>=request.limit){return {allowed:false,counted:false,used,oldestAt:budget.queue.peekTime()}}budget.
counted.add(request.recipient);budget.queue.push(request.recipient,now);return {allowed:true,counted:true,used:used+1,oldestAt:budget.
queue.peekTime()}}async acquire(request){return this.acquireSync(request)}async usage(request){const budget=this.#budgets.
get(request.scope);if(!budget)return {used:0,oldestAt:void 0};this.#expire(budget,Math.max(request.now,budget.latest)-request.
windowMs);return {used:budget.counted.size,oldestAt:budget.queue.peekTime()}}async openWindow(request){let windows=this.#windows.
get(request.scope);if(!windows){windows={expiries:new Map,sweepAt:MIN_SWEEP};this.#windows.set(request.scope,windows);}const current=windows.
expiries.get(request.user);const expiresAt=current!==void 0&&current>request.expiresAt?current:request.expiresAt;windows.
expiries.set(request.user,expiresAt);if(windows.expiries.size>=windows.sweepAt){for(const[user,at]of windows.expiries)if(at<=
request.now)windows.expiries.delete(user);windows.sweepAt=Math.max(MIN_SWEEP,windows.expiries.size*2);}return expiresAt}async windowExpiry(request){
return this.#windows.get(request.scope)?.expiries.get(request.user)}clear(){this.#budgets.clear();this.#windows.clear();}#budget(scope){
let budget=this.#budgets.get(scope);if(!budget){budget={counted:new Set,queue:new TimeQueue,latest:Number.NEGATIVE_INFINITY};
this.#budgets.set(scope,budget);}return budget}#expire(budget,cutoff){const{queue,counted}=budget;for(let t=queue.peekTime();t!==
void 0&&t<=cutoff;t=queue.peekTime()){const key=queue.shift();if(key!==void 0)counted.delete(key);}}};var ACQUIRE_SCRIPT=`
local key = KEYS[1]
redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[3])
local used = redis.call('ZCARD', key)
local function oldest()
  local o = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if o[2] then return o[2] end
  return false
end
if redis.call('ZSCORE', key, ARGV[1]) then
  return {1, 0, used, oldest()}
end
local limit = tonumber(ARGV[4])
if limit >= 0 and used >= limit then
  return {0, 0, used, oldest()}
end
redis.call('ZADD', key, ARGV[2], ARGV[1])
redis.call('PEXPIRE', key, ARGV[5])
return {1, 1, used + 1, oldest()}
`;var USAGE_SCRIPT=`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local o = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {redis.call('ZCARD', KEYS[1]), o[2] or false}
`;var OPEN_WINDOW_SCRIPT=`
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then
  return current
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;function runnerFor(client){const c=client;if(c&&typeof c.call==="function"&&typeof c.evalsha==="function"){const io=c;return ([
command,...args])=>io.call(command,...args)}if(c&&typeof c.sendCommand==="function"){const nr=c;return args=>nr.sendCommand(
args)}throw new ConfigError("createRedisQuotaStore needs a connected ioredis client (new Redis(url)) or a node-redis v4+\
 client (createClient({ url }) after connect()).",{issues:[{code:"quota.redis_client_invalid",path:["client"],message:"e\
xpected an ioredis or node-redis client"}]})}function script(source){return {source,sha:void 0}}async function sha1(source){
const digest=await crypto.subtle.digest("SHA-1",new TextEncoder().encode(source));return [...new Uint8Array(digest)].map(
b=>b.toString(16).padStart(2,"0")).join("")}var SCRIPTS={acquire:script(ACQUIRE_SCRIPT),usage:script(USAGE_SCRIPT),openWindow:script(
OPEN_WINDOW_SCRIPT)};function toNumber(value){if(value===null||value===void 0||value===false)return void 0;const n=typeof value===
"number"?value:Number(String(value));return Number.isFinite(n)?n:void 0}function createRedisQuotaStore(client,options={}){
const run=runnerFor(client);const prefix=options.keyPrefix??"waba-kit:";if(typeof prefix!=="string"){throw new ConfigError(
'Invalid keyPrefix: expected a string such as "waba-kit:".',{issues:[{code:"quota.key_prefix_invalid",path:["keyPrefix"],
message:"expected a string"}]})}const quotaKey=scope=>`${prefix}quota:${scope}`;const windowKey=(scope,user)=>`${prefix}\
window:${scope}:${user}`;const evaluate=async(s,keys,args)=>{try{s.sha??=sha1(s.source);return await run(["EVALSHA",await s.
sha,String(keys.length),...keys,...args])}catch(error){if(!String(error?.message??error).includes("NOSCRIPT"))throw error;
return run(["EVAL",s.source,String(keys.length),...keys,...args])}};return {async acquire(request){const limit=Number.isFinite(
request.limit)?String(request.limit):"-1";const reply=await evaluate(SCRIPTS.acquire,[quotaKey(request.scope)],[request.
recipient,String(request.now),String(request.now-request.windowMs),limit,String(request.windowMs)]);return {allowed:toNumber(
reply[0])===1,counted:toNumber(reply[1])===1,used:toNumber(reply[2])??0,oldestAt:toNumber(reply[3])}},async usage(request){
const reply=await evaluate(SCRIPTS.usage,[quotaKey(request.scope)],[String(request.now-request.windowMs)]);return {used:toNumber(
reply[0])??0,oldestAt:toNumber(reply[1])}},async openWindow(request){const ttl=Math.ceil(request.expiresAt-request.now);
if(ttl<=0)return request.expiresAt;const reply=await evaluate(SCRIPTS.openWindow,[windowKey(request.scope,request.user)],
[String(request.expiresAt),String(ttl)]);return toNumber(reply)??request.expiresAt},async windowExpiry(request){return toNumber(
await run(["GET",windowKey(request.scope,request.user)]))}}}var MESSAGING_TIERS={TIER_250:250,TIER_1K:1e3,TIER_2K:2e3,TIER_10K:1e4,TIER_100K:1e5,TIER_UNLIMITED:Number.POSITIVE_INFINITY};
var NEXT={TIER_250:"TIER_2K",TIER_1K:"TIER_10K",TIER_2K:"TIER_10K",TIER_10K:"TIER_100K",TIER_100K:"TIER_UNLIMITED",TIER_UNLIMITED:void 0};
function isTierName(value){return typeof value==="string"&&Object.hasOwn(MESSAGING_TIERS,value)}function tierLimit(tier){
if(isTierName(tier))return MESSAGING_TIERS[tier];if(typeof tier==="number"&&(tier===Number.POSITIVE_INFINITY||Number.isInteger(
tier)&&tier>0)){return tier}const value=tier;const shown=typeof value==="string"?`"${value.slice(0,40)}"`:typeof value;throw new ConfigError(
`Invalid tier ${shown}: use one of ${Object.keys(MESSAGING_TIERS).join(", ")}, a positive integer limit, or Infinity for\
 unlimited.`,{issues:[{code:"quota.tier_invalid",path:["tier"],message:"unknown messaging tier"}]})}function tierName(tier){
if(isTierName(tier))return tier;const limit=tierLimit(tier);return Object.keys(MESSAGING_TIERS).find(name=>MESSAGING_TIERS[name]===
limit)}function nextTier(input){const limit=tierLimit(input.tier);const name=tierName(input.tier);const next=name?NEXT[name]:
void 0;if(!Number.isFinite(limit)){return {eligible:false,next:void 0,needed:0,reason:"Already unlimited: there is no hig\
her tier."}}const needed=Math.ceil(limit/2);if(!next){return {eligible:false,next:void 0,needed,reason:`A custom limit of\
 ${limit} has no next tier.`}}if(input.quality==="RED"){return {eligible:false,next,needed,reason:"Quality rating is RED \
(low): upgrades are blocked until quality improves."}}if(input.usedLast7Days<needed){return {eligible:false,next,needed,reason:`\
Reach ${needed} unique users in 7 days (half of ${limit}); ${input.usedLast7Days} so far.`}}const extra=name==="TIER_250"?
" (from 250, business verification is the other path to 2,000)":"";return {eligible:true,next,needed,reason:`Half of the ${limit}\
 limit used in 7 days with ${input.quality} quality: eligible for ${next}${extra}.`}}var TypedEmitter=class{#ee=new EventEmitter;#wrapped=new Map;#provider;#logger;constructor(options={}){
this.#provider=options.provider;this.#logger=options.logger;}on(event,listener){this.#ee.on(event,this.#wrap(event,listener,
false));return this}once(event,listener){this.#ee.once(event,this.#wrap(event,listener,true));return this}off(event,listener){
const byFn=this.#wrapped.get(event);if(!listener){this.#ee.removeAllListeners(event);this.#wrapped.delete(event);return this}
const list=byFn?.get(listener);const wrapped=list?.pop();if(wrapped)this.#ee.off(event,wrapped);if(list&&list.length===0)
byFn?.delete(listener);return this}listenerCount(event){return this.#ee.listenerCount(event)}emit(event,payload){return this.#ee.
emit(event,payload)}#wrap(event,listener,once){const report=error=>this.#report(event,error);const wrapped=payload=>{if(once)
this.#forget(event,listener,wrapped);try{const result=listener(payload);if(result&&typeof result.then==="function"){result.
then(void 0,report);}}catch(error){report(error);}};let byFn=this.#wrapped.get(event);if(!byFn){byFn=new Map;this.#wrapped.
set(event,byFn);}const list=byFn.get(listener)??[];list.push(wrapped);byFn.set(listener,list);return wrapped}#forget(event,listener,wrapped){
const list=this.#wrapped.get(event)?.get(listener);if(!list)return;const i=list.indexOf(wrapped);if(i>=0)list.splice(i,1);
if(list.length===0)this.#wrapped.get(event)?.delete(listener);}#report(event,error){if(event!=="error"&&this.#ee.listenerCount(
"error")>0){this.#ee.emit("error",{provider:this.#provider,timestamp:new Date,error,event});return}const message=`waba-k\
it: a listener for "${event}" threw`;if(this.#logger?.error)this.#logger.error(message,{error});else console.error(message,
error);}};function createEmitter(sink,logger){const emitter=new TypedEmitter({logger});return {emitter,emit(event,payload){emitter.
emit(event,payload);sink?.emit(event,payload);}}}var MEMORY_ACQUIRE=MemoryQuotaStore.prototype.acquire;var QUOTA_WARNING_THRESHOLDS=[.8,.95];function createQuotaTracker(options){
if(typeof options!=="object"||options===null){throw new ConfigError("createQuotaTracker needs options: { tier, store?, w\
indowMs?, clock?, scope? }.")}const limit=tierLimit(options.tier);const windowMs=options.windowMs??DAY_MS;if(!Number.isInteger(
windowMs)||windowMs<=0){throw new ConfigError("Invalid windowMs: expected a positive integer number of milliseconds (def\
ault 24 h).",{issues:[{code:"quota.window_invalid",path:["windowMs"],message:"expected a positive integer"}]})}const scope=options.
scope??"default";if(typeof scope!=="string"||scope===""){throw new ConfigError("Invalid scope: expected a non-empty stri\
ng (a business portfolio id or phone number).",{issues:[{code:"quota.scope_invalid",path:["scope"],message:"expected a n\
on-empty string"}]})}const store=options.store??new MemoryQuotaStore;const clock=options.clock??systemClock;const failOpen=options.
failOpen??false;const timeoutMs=options.storeTimeoutMs??2e3;const logger=options.logger;const{emitter,emit}=createEmitter(
options.events,logger);const thresholds=Number.isFinite(limit)?QUOTA_WARNING_THRESHOLDS.map(t=>({threshold:t,at:Math.ceil(
limit*t)})):[];const call=(what,run)=>withTimeout(what,run,timeoutMs);const storeAcquire=request=>store.acquire===MEMORY_ACQUIRE&&
store instanceof MemoryQuotaStore?Promise.resolve(store.acquireSync(request)):call("acquire",()=>store.acquire(request));
const decide=(d,at)=>{const remaining=Math.max(0,limit-d.used);const decision={allowed:d.allowed,counted:d.counted,used:d.
used,limit,remaining};if(!d.allowed)decision.retryAt=new Date((d.oldestAt??at)+windowMs);return decision};const tracker={
scope,limit,windowMs,async acquire(recipient,acquireOptions={}){const key=recipientKey(recipient);const at=toMillis(acquireOptions.
at,clock);if(acquireOptions.conversationOpen){const usage=await guarded(()=>tracker.usage(at));const used=usage?.used??0;
return {allowed:true,counted:false,used,limit,remaining:Math.max(0,limit-used)}}const raw=await guarded(()=>storeAcquire(
{scope,recipient:key,now:at,windowMs,limit}));if(raw===void 0)return {allowed:true,counted:false,used:0,limit,remaining:limit};
const decision=decide(raw,at);const base=()=>({provider:void 0,timestamp:new Date,scope,used:decision.used,limit});if(decision.
counted){for(const t of thresholds){if(decision.used===t.at)emit("quota.warning",{...base(),threshold:t.threshold});}}if(!decision.
allowed)emit("quota.exceeded",{...base(),retryAt:decision.retryAt});return decision},async usage(at){const now=toMillis(
at,clock);const u=await call("usage",()=>store.usage({scope,now,windowMs}));return {used:u.used,limit,remaining:Math.max(
0,limit-u.used),nextReleaseAt:u.oldestAt===void 0?void 0:new Date(u.oldestAt+windowMs)}},on(event,listener){emitter.on(event,
listener);return this},off(event,listener){emitter.off(event,listener);return this}};async function guarded(run){try{return await run()}catch(error){
const storeError=isWhatsAppError(error)?error:new QuotaStoreError(`The quota store failed (${error instanceof Error?error.
message:String(error)}); nothing was sent.`,{cause:error});if(!failOpen)throw storeError;const message=`waba-kit: the qu\
ota store failed, the message was let through uncounted (failOpen): ${storeError.message}`;emit("warning",{provider:void 0,
timestamp:new Date,code:"quota_store_unavailable",message,detail:{scope}});logger?.warn?.(message,{scope});return void 0}}
return tracker}function withTimeout(what,run,ms){return new Promise((resolve,reject)=>{const timer=setTimeout(()=>reject(
new QuotaStoreError(`The quota store did not answer ${what} within ${ms} ms; nothing was sent.`)),ms);run().then(value=>{
clearTimeout(timer);resolve(value);},error=>{clearTimeout(timer);reject(isWhatsAppError(error)?error:new QuotaStoreError(
`The quota store failed on ${what} (${error instanceof Error?error.message:String(error)}); nothing was sent.`,{cause:error}));});})}var SERVICE_WINDOW_MS=DAY_MS;var FREE_ENTRY_POINT_WINDOW_MS=3*DAY_MS;function createConversationWindowTracker(options={}){
const store=options.store??new MemoryQuotaStore;const clock=options.clock??systemClock;const scope=options.scope??"defau\
lt";if(typeof scope!=="string"||scope===""){throw new ConfigError("Invalid scope: expected a non-empty string, e.g. the \
business phone number.",{issues:[{code:"window.scope_invalid",path:["scope"],message:"expected a non-empty string"}]})}const timeoutMs=options.
storeTimeoutMs??2e3;return {scope,async recordInbound(user,at,recordOptions={}){const key=recipientKey(user,"user");const since=toMillis(
at,clock);const length=recordOptions.freeEntryPoint?FREE_ENTRY_POINT_WINDOW_MS:SERVICE_WINDOW_MS;const expiresAt=await withTimeout(
"openWindow",()=>store.openWindow({scope,user:key,expiresAt:since+length,now:clock()}),timeoutMs);return new Date(expiresAt)},
async isOpen(user,at){const now=toMillis(at,clock);const expiry=await withTimeout("windowExpiry",()=>store.windowExpiry(
{scope,user:recipientKey(user,"user")}),timeoutMs);return expiry!==void 0&&now<expiry},async expiresAt(user){const expiry=await withTimeout(
"windowExpiry",()=>store.windowExpiry({scope,user:recipientKey(user,"user")}),timeoutMs);return expiry===void 0?void 0:new Date(
expiry)}}}

export { DAY_MS, DEFAULT_MESSAGES_PER_SECOND, DEFAULT_PAIR_INTERVAL_MS, FREE_ENTRY_POINT_WINDOW_MS, MESSAGING_TIERS, MemoryQuotaStore, QUOTA_WARNING_THRESHOLDS, SERVICE_WINDOW_MS, createConversationWindowTracker, createQuotaTracker, createRecipientPacer, createRedisQuotaStore, createTokenBucket, gcra, nextTier, recipientKey, sleep, tierLimit, tierName };
